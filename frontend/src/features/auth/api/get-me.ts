import { queryOptions, useQuery } from '@tanstack/react-query';

import type { User } from '@/api/models';
import { apiClient, dataOf } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';

import { useSessionStore } from '../stores/session-store';

export type { User };

export const ME_QUERY_KEY = ['auth', 'me'] as const;

export async function getMe(): Promise<User> {
  return dataOf(await apiClient.GET('/api/v1/auth/me/'));
}

/**
 * The signed-in user, or null when nobody is. The session store follows the answer, so route
 * guards and the shell read one source.
 */
export async function fetchSession(): Promise<User | null> {
  try {
    const user = await getMe();
    useSessionStore.getState().setUser(user);
    return user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      useSessionStore.getState().clear();
      return null;
    }
    throw error;
  }
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ME_QUERY_KEY,
    queryFn: fetchSession,
    staleTime: 5 * 60 * 1000,
    retry: false,
  });

export function useMe() {
  return useQuery(meQueryOptions());
}
