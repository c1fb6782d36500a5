import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type ApprovedRequest = components['schemas']['PurchaseRequestList'];

/** Approved requests not yet ordered, oldest first: what a buyer turns into orders. */
export async function getApprovedRequests(): Promise<ApprovedRequest[]> {
  const page = dataOf(
    await apiClient.GET('/api/v1/purchase-requests/', { params: { query: { status: 'approved', ordering: 'created_at', page_size: 200 } } }),
  );
  return page.results;
}

export const approvedRequestsQueryOptions = () =>
  queryOptions({ queryKey: ['purchase-orders', 'approved-requests'], queryFn: getApprovedRequests });

export function useApprovedRequests() {
  return useQuery(approvedRequestsQueryOptions());
}
