import { queryOptions } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type TaskRecord = components['schemas']['TaskRecord'];
export type TaskState = components['schemas']['StateEnum'];

/** How often a running task is asked for its progress. */
export const TASK_POLL_MS = 2_000;

export function isTaskFinished(state: TaskState | undefined): boolean {
  return state === 'succeeded' || state === 'failed';
}

export async function getTask(id: string): Promise<TaskRecord> {
  return dataOf(await apiClient.GET('/api/v1/tasks/{id}/', { params: { path: { id } } }));
}

/** Polls every 2 s until the task has succeeded or failed, then stops. */
export const taskQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['documents', 'task', id],
    queryFn: () => getTask(id),
    refetchInterval: (query) => (isTaskFinished(query.state.data?.state) ? false : TASK_POLL_MS),
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
