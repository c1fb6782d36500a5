import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { apiClient, dataOf } from '@/lib/api-client';

import type { Carrier } from './get-carriers';

export const carrierInputSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name.'),
  scac: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2,4}$/, 'A SCAC has 2 to 4 letters.'),
  mc_number: z.string().trim(),
  dot_number: z.string().trim(),
  insurance_expires_on: z.string(),
  notes: z.string(),
});

export type CarrierInput = z.infer<typeof carrierInputSchema>;
export const CARRIER_FIELDS = Object.keys(carrierInputSchema.shape);

export function carrierToInput(carrier?: Carrier): CarrierInput {
  return {
    name: carrier?.name ?? '',
    scac: carrier?.scac ?? '',
    mc_number: carrier?.mc_number ?? '',
    dot_number: carrier?.dot_number ?? '',
    insurance_expires_on: carrier?.insurance_expires_on ?? '',
    notes: carrier?.notes ?? '',
  };
}

function toWrite(input: CarrierInput) {
  return { ...input, scac: input.scac.toUpperCase(), insurance_expires_on: input.insurance_expires_on || null };
}

export function useSaveCarrier(id?: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CarrierInput) =>
      id
        ? dataOf(await apiClient.PATCH('/api/v1/carriers/{id}/', { params: { path: { id } }, body: toWrite(input) }))
        : dataOf(await apiClient.POST('/api/v1/carriers/', { body: toWrite(input) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['partners'] }),
  });
}
