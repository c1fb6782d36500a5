import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { pollWhileVisible } from '@/lib/polling';
import { compactQuery } from '@/lib/query-string';

export type PendingApproval = components['schemas']['PurchaseRequestList'];
export type MyApprovalsQuery = NonNullable<paths['/api/v1/approvals/mine/']['get']['parameters']['query']>;

/** Requests waiting for a decision of the signed-in person (as approver, delegate or role). */
export async function getMyApprovals(query: MyApprovalsQuery) {
  return dataOf(await apiClient.GET('/api/v1/approvals/mine/', { params: { query: compactQuery(query) } }));
}

export const myApprovalsQueryOptions = (query: MyApprovalsQuery) =>
  queryOptions({
    queryKey: ['approvals', 'mine', compactQuery(query)],
    queryFn: () => getMyApprovals(query),
    placeholderData: keepPreviousData,
    refetchInterval: pollWhileVisible,
  });

export function useMyApprovals(query: MyApprovalsQuery) {
  return useQuery(myApprovalsQueryOptions(query));
}
