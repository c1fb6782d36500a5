import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { apiClient, dataOf } from '@/lib/api-client';

export const passwordInputSchema = z
  .object({
    current_password: z.string().min(1, 'Enter your current password.'),
    new_password: z.string().min(10, 'Use at least 10 characters.'),
    confirm_password: z.string(),
  })
  .refine((value) => value.new_password === value.confirm_password, {
    path: ['confirm_password'],
    message: 'The two new passwords differ.',
  });

export type PasswordInput = z.infer<typeof passwordInputSchema>;
export const PASSWORD_FIELDS = ['current_password', 'new_password', 'confirm_password'];

export function useChangePassword() {
  return useMutation({
    mutationFn: async ({ current_password, new_password }: PasswordInput) =>
      dataOf(await apiClient.POST('/api/v1/auth/password/', { body: { current_password, new_password } })),
  });
}
