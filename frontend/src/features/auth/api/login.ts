import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { apiClient, dataOf } from '@/lib/api-client';

import { broadcastSessionEvent } from '../session-channel';
import { useSessionStore } from '../stores/session-store';

import { ME_QUERY_KEY, meQueryOptions, type User } from './get-me';

export const loginInputSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').pipe(z.email('Enter a valid email address.')),
  password: z.string().min(1, 'Enter your password.'),
});

export type LoginInput = z.infer<typeof loginInputSchema>;

export async function login(input: LoginInput): Promise<User> {
  const { user } = dataOf(await apiClient.POST('/api/v1/auth/login/', { body: input }));
  return user;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: LoginInput) => {
      // The sign-in page shows the form before its session check has answered; that check's
      // "nobody is signed in" must not land after this sign-in and end it, so it settles first
      // (it has long answered by the time a person has typed a password).
      if (queryClient.isFetching({ queryKey: ME_QUERY_KEY }) > 0) {
        await queryClient.ensureQueryData(meQueryOptions()).catch(() => undefined);
      }
      return login(input);
    },
    onSuccess: (user) => {
      // Nothing cached for a previous user may leak into this session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, user);
      useSessionStore.getState().setUser(user);
      broadcastSessionEvent('signed-in');
    },
  });
}
