import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { pollWhileVisible } from '@/lib/polling';

export type InboxMessage = components['schemas']['InboxMessage'];

const KEY = ['inbox'] as const;

export async function getUnreadCount(): Promise<number> {
  return dataOf(await apiClient.GET('/api/v1/inbox/unread-count/')).unread;
}

export async function getInbox(): Promise<InboxMessage[]> {
  return dataOf(await apiClient.GET('/api/v1/inbox/', { params: { query: { page_size: 10 } } })).results;
}

/** The unread count in the header, refreshed while the tab is visible. */
export function useUnreadCount() {
  return useQuery({ queryKey: [...KEY, 'unread'], queryFn: getUnreadCount, refetchInterval: pollWhileVisible, refetchIntervalInBackground: false });
}

export function useInbox(enabled: boolean) {
  return useQuery({ queryKey: [...KEY, 'latest'], queryFn: getInbox, enabled, staleTime: 0 });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number | 'all') =>
      id === 'all'
        ? dataOf(await apiClient.POST('/api/v1/inbox/read-all/'))
        : dataOf(await apiClient.POST('/api/v1/inbox/{id}/read/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
