import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { ROLES, type Role } from '@/config/roles';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString } from '@/lib/decimal';

import type { UserAdmin } from './get-users';

export const userInputSchema = z.object({
  email: z.string().trim().min(1, 'Enter an email address.').pipe(z.email('Enter a valid email address.')),
  full_name: z.string().trim().min(1, 'Enter the full name.'),
  phone: z
    .string()
    .trim()
    .refine((value) => value === '' || /^\+[1-9]\d{6,14}$/.test(value), 'Use the international format, e.g. +15125550100.'),
  department: z.string(),
  manager: z.string(),
  spending_limit: decimalString({ places: 2, label: 'an amount' }),
  roles: z.array(z.enum(ROLES as [Role, ...Role[]])),
  password: z.string().refine((value) => value === '' || value.length >= 10, 'Use at least 10 characters, or leave it empty.'),
});

export type UserInput = z.infer<typeof userInputSchema>;
export const USER_FIELDS = Object.keys(userInputSchema.shape);

export function userToInput(user?: UserAdmin): UserInput {
  return {
    email: user?.email ?? '',
    full_name: user?.full_name ?? '',
    phone: user?.phone ?? '',
    department: user?.department ? String(user.department.id) : '',
    manager: user?.manager ? String(user.manager.id) : '',
    spending_limit: user?.spending_limit ?? '0.00',
    roles: (user?.roles ?? []) as Role[],
    password: '',
  };
}

/** Form values to the API body; the password is only sent on create, and only when given. */
export function userWriteBody(input: UserInput, creating: boolean) {
  const { password, ...rest } = input;
  const body = {
    ...rest,
    department: input.department ? Number(input.department) : null,
    manager: input.manager ? Number(input.manager) : null,
  };
  return creating && password ? { ...body, password } : body;
}

export function useSaveUser(id?: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: UserInput): Promise<UserAdmin> =>
      id
        ? dataOf(await apiClient.PATCH('/api/v1/users/{id}/', { params: { path: { id } }, body: userWriteBody(input, false) }))
        : dataOf(await apiClient.POST('/api/v1/users/', { body: userWriteBody(input, true) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
