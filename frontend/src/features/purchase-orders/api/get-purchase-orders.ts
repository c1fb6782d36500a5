import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type PurchaseOrder = components['schemas']['PurchaseOrder'];
export type PurchaseOrderStatus = components['schemas']['PurchaseOrderStatusEnum'];
export type PurchaseOrderQuery = NonNullable<paths['/api/v1/purchase-orders/']['get']['parameters']['query']>;

export async function getPurchaseOrders(query: PurchaseOrderQuery) {
  return dataOf(await apiClient.GET('/api/v1/purchase-orders/', { params: { query: compactQuery(query) } }));
}

export const purchaseOrdersQueryOptions = (query: PurchaseOrderQuery) =>
  queryOptions({ queryKey: ['purchase-orders', 'list', compactQuery(query)], queryFn: () => getPurchaseOrders(query), placeholderData: keepPreviousData });

export function usePurchaseOrders(query: PurchaseOrderQuery) {
  return useQuery(purchaseOrdersQueryOptions(query));
}
