import { useQuery } from '@tanstack/react-query';

import { isTaskFinished, taskQueryOptions, type TaskRecord } from '../api/get-task';

export interface TaskProgress {
  /** 0-100; 100 once the task has finished either way. */
  percent: number;
  step: string;
  done: boolean;
  failed: boolean;
  error: string;
  task: TaskRecord | undefined;
  /** A failure to ask (network, 404), not a failed task. */
  queryError: unknown;
}

/** A background task's progress, polled every 2 s while it runs (no polling without an id). */
export function useTaskProgress(taskId: string | null | undefined): TaskProgress {
  const query = useQuery({ ...taskQueryOptions(taskId ?? ''), enabled: Boolean(taskId) });
  const task = query.data;
  const done = isTaskFinished(task?.state);
  return {
    percent: done ? 100 : Math.max(0, Math.min(100, task?.progress ?? 0)),
    step: task?.step ?? '',
    done,
    failed: task?.state === 'failed',
    error: task?.error ?? '',
    task,
    queryError: query.error,
  };
}
