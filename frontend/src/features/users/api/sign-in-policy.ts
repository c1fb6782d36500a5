import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type SignInPolicy = components['schemas']['SignInPolicy'];

const KEY = ['users', 'sign-in-policy'] as const;

export function useSignInPolicy() {
  return useQuery({ queryKey: KEY, queryFn: async () => dataOf(await apiClient.GET('/api/v1/auth/sign-in-policy/')) });
}

export function useSetPasswordSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (passwordSignIn: boolean) =>
      dataOf(await apiClient.PATCH('/api/v1/auth/sign-in-policy/', { body: { password_sign_in: passwordSignIn } })),
    onSuccess: (policy) => queryClient.setQueryData(KEY, policy),
  });
}
