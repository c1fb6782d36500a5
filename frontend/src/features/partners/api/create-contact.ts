import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { apiClient, dataOf } from '@/lib/api-client';

export const contactInputSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name.'),
  title: z.string().trim(),
  email: z.union([z.literal(''), z.email('Enter a valid email address.')]),
  phone: z
    .string()
    .trim()
    .refine((value) => value === '' || /^\+[1-9]\d{6,14}$/.test(value), 'Use the international format, e.g. +15125550100.'),
  is_primary: z.boolean(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;
export const CONTACT_FIELDS = Object.keys(contactInputSchema.shape);

export type ContactParty = { supplier: number } | { customer: number } | { carrier: number } | { plant: number };

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ party, input }: { party: ContactParty; input: ContactInput }) =>
      dataOf(await apiClient.POST('/api/v1/contacts/', { body: { ...party, ...input } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['partners'] }),
  });
}
