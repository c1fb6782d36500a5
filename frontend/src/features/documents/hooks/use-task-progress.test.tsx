import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createQueryClient } from '@/lib/query-client';
import { installFakeFetch, json } from '@/testing/fake-fetch';

import { TASK_POLL_MS } from '../api/get-task';

import { useTaskProgress } from './use-task-progress';

const TASK_PATH = '/api/v1/tasks/t-1/';

function task(state: string, progress: number, extra: Record<string, unknown> = {}) {
  return { id: 't-1', name: 'documents.process', state, progress, step: 'ocr', result: null, error: '', created_at: '', updated_at: '', finished_at: null, ...extra };
}

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={createQueryClient()}>{children}</QueryClientProvider>;
}

describe('useTaskProgress', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('polls every 2 s until the task has finished, then stops', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const states = [task('started', 10), task('progress', 60), task('succeeded', 100, { result: { status: 'processed' } })];
    const { calls } = installFakeFetch({ [`GET ${TASK_PATH}`]: (_request, index) => json(states[Math.min(index, states.length - 1)]) });
    const { result } = renderHook(() => useTaskProgress('t-1'), { wrapper });

    await waitFor(() => expect(result.current.percent).toBe(10));
    expect(result.current.done).toBe(false);
    await act(() => vi.advanceTimersByTimeAsync(TASK_POLL_MS));
    await waitFor(() => expect(result.current.percent).toBe(60));
    await act(() => vi.advanceTimersByTimeAsync(TASK_POLL_MS));
    await waitFor(() => expect(result.current.done).toBe(true));
    expect(result.current.failed).toBe(false);

    const seen = calls.length;
    await act(() => vi.advanceTimersByTimeAsync(TASK_POLL_MS * 3));
    expect(calls.length).toBe(seen);
  });

  it('reports a failed task with its error and stops polling', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls } = installFakeFetch({ [`GET ${TASK_PATH}`]: () => json(task('failed', 40, { error: 'The file is not a readable PDF.' })) });
    const { result } = renderHook(() => useTaskProgress('t-1'), { wrapper });
    await waitFor(() => expect(result.current.failed).toBe(true));
    expect(result.current.percent).toBe(100);
    expect(result.current.error).toBe('The file is not a readable PDF.');
    await act(() => vi.advanceTimersByTimeAsync(TASK_POLL_MS * 2));
    expect(calls).toHaveLength(1);
  });

  it('does not ask anything without a task id', () => {
    const { calls } = installFakeFetch({});
    const { result } = renderHook(() => useTaskProgress(null), { wrapper });
    expect(result.current.done).toBe(false);
    expect(calls).toHaveLength(0);
  });
});
