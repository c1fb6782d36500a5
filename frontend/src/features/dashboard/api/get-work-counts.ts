import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { pollWhileVisible } from '@/lib/polling';

type RequestStatus = components['schemas']['PurchaseRequestStatusEnum'];
type OrderStatus = components['schemas']['PurchaseOrderStatusEnum'];

const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = ['draft', 'pending_approval', 'returned', 'approved'];
const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['issued', 'partially_received'];

/** Requests waiting for the signed-in person's decision. */
export async function getPendingApprovalsCount(): Promise<number> {
  return dataOf(await apiClient.GET('/api/v1/approvals/mine/', { params: { query: { page_size: 1 } } })).count;
}

/** Requests the person can see that are not yet ordered, rejected or cancelled. */
export async function getOpenRequestsCount(): Promise<number> {
  const counts = await Promise.all(
    OPEN_REQUEST_STATUSES.map(async (status) => dataOf(await apiClient.GET('/api/v1/purchase-requests/', { params: { query: { status, page_size: 1 } } })).count),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

/** Issued orders still waiting for goods. */
export async function getOpenOrdersCount(): Promise<number> {
  const counts = await Promise.all(
    OPEN_ORDER_STATUSES.map(async (status) => dataOf(await apiClient.GET('/api/v1/purchase-orders/', { params: { query: { status, page_size: 1 } } })).count),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

const poll = { refetchInterval: pollWhileVisible, refetchIntervalInBackground: false, staleTime: 0 } as const;

export const pendingApprovalsQueryOptions = () => queryOptions({ queryKey: ['dashboard', 'pending-approvals'], queryFn: getPendingApprovalsCount, ...poll });
export const openRequestsQueryOptions = () => queryOptions({ queryKey: ['dashboard', 'open-requests'], queryFn: getOpenRequestsCount, ...poll });
export const openOrdersQueryOptions = () => queryOptions({ queryKey: ['dashboard', 'open-orders'], queryFn: getOpenOrdersCount, ...poll });

export function usePendingApprovalsCount() {
  return useQuery(pendingApprovalsQueryOptions());
}

export function useOpenRequestsCount() {
  return useQuery(openRequestsQueryOptions());
}

export function useOpenOrdersCount() {
  return useQuery(openOrdersQueryOptions());
}
