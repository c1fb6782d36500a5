import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type PurchaseRequestRow = components['schemas']['PurchaseRequestList'];
export type PurchaseRequestStatus = components['schemas']['PurchaseRequestStatusEnum'];
export type PurchaseRequestQuery = NonNullable<paths['/api/v1/purchase-requests/']['get']['parameters']['query']>;

export async function getPurchaseRequests(query: PurchaseRequestQuery) {
  return dataOf(await apiClient.GET('/api/v1/purchase-requests/', { params: { query: compactQuery(query) } }));
}

export const purchaseRequestsQueryOptions = (query: PurchaseRequestQuery) =>
  queryOptions({
    queryKey: ['purchase-requests', 'list', compactQuery(query)],
    queryFn: () => getPurchaseRequests(query),
    placeholderData: keepPreviousData,
  });

export function usePurchaseRequests(query: PurchaseRequestQuery) {
  return useQuery(purchaseRequestsQueryOptions(query));
}
