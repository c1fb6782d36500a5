import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { apiClient } from '@/lib/api-client';

import { broadcastSessionEvent } from '../session-channel';
import { useSessionStore } from '../stores/session-store';

import { LOGIN_PATH } from '../login-path';

import { ME_QUERY_KEY } from './get-me';

export async function logout(): Promise<void> {
  await apiClient.POST('/api/v1/auth/logout/');
}

/**
 * Forgets the user and every cached answer fetched on their behalf. redirectTo is where the
 * route guard then sends the person.
 */
export function clearLocalSession(queryClient: QueryClient, redirectTo: string): void {
  useSessionStore.getState().clear(redirectTo);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
  queryClient.setQueryData(ME_QUERY_KEY, null);
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Sign out locally even when the server call fails: the person asked to leave.
    onSettled: () => {
      clearLocalSession(queryClient, LOGIN_PATH);
      broadcastSessionEvent('signed-out');
    },
  });
}
