import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createQueryClient } from '@/lib/query-client';
import { installFakeFetch, json } from '@/testing/fake-fetch';

import { workQueueQueryOptions } from '../api/get-work-queue';

import { WorkQueueBoard } from './work-queue-board';

const QUEUE = {
  sections: [
    {
      key: 'approvals',
      title: 'Requests waiting for your approval',
      action: 'Approve, reject or return',
      count: 1,
      note: '',
      items: [
        {
          kind: 'purchase_request',
          id: '2',
          number: 'PR-00002',
          title: 'Cold store shelving',
          party: 'Rita Requester',
          status: 'pending_approval',
          amount: '1200.00',
          currency: 'USD',
          since: '2026-12-01',
          age_days: 5,
          due: null,
        },
      ],
    },
  ],
};

afterEach(() => vi.unstubAllGlobals());

async function homeAfter(prefetchedMsAgo: number) {
  const fetches = installFakeFetch({ 'GET /api/v1/reports/work-queue/': () => json(QUEUE) });
  const queryClient = createQueryClient();
  await queryClient.prefetchQuery(workQueueQueryOptions());
  const state = queryClient.getQueryCache().find({ queryKey: workQueueQueryOptions().queryKey })?.state;
  if (state) state.dataUpdatedAt -= prefetchedMsAgo;
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <WorkQueueBoard portal={false} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  expect(await screen.findByRole('link', { name: 'PR-00002' })).toBeInTheDocument();
  await new Promise((resolve) => setTimeout(resolve, 50));
  return fetches.count('GET /api/v1/reports/work-queue/');
}

describe('WorkQueueBoard', () => {
  it('shows the queue the sign-in just fetched without asking for it again', async () => {
    expect(await homeAfter(0)).toBe(1);
  });

  it('re-reads a queue read earlier when the person comes home', async () => {
    expect(await homeAfter(60_000)).toBe(2);
  });
});
