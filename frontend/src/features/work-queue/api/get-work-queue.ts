import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { pollWhileVisible } from '@/lib/polling';

export type WorkQueue = components['schemas']['WorkQueue'];
export type QueueSection = components['schemas']['QueueSection'];
export type QueueItem = components['schemas']['QueueItem'];

const JUST_READ_MS = 2_000;

/** Everything that waits for the signed-in person, in one request. */
export async function getWorkQueue(): Promise<WorkQueue> {
  return dataOf(await apiClient.GET('/api/v1/reports/work-queue/'));
}

export const workQueueQueryOptions = () =>
  queryOptions({
    // Under 'dashboard' so every action that invalidates the dashboard refreshes the queue.
    queryKey: ['dashboard', 'work-queue'],
    queryFn: getWorkQueue,
    refetchInterval: pollWhileVisible,
    refetchIntervalInBackground: false,
    staleTime: 0,
    // Coming home always re-reads the queue, except right after it was read (the sign-in
    // prefetches it while the home page loads): one request, not two in a row.
    refetchOnMount: (query) => query.state.isInvalidated || Date.now() - query.state.dataUpdatedAt > JUST_READ_MS,
  });

export function useWorkQueue() {
  return useQuery(workQueueQueryOptions());
}
