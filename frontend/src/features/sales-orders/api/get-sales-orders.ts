import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type SalesOrderRow = components['schemas']['SalesOrderList'];
export type SalesOrderStatus = components['schemas']['SalesOrderStatusEnum'];
export type SalesOrderQuery = NonNullable<paths['/api/v1/sales-orders/']['get']['parameters']['query']>;

export async function getSalesOrders(query: SalesOrderQuery) {
  return dataOf(await apiClient.GET('/api/v1/sales-orders/', { params: { query: compactQuery(query) } }));
}

export const salesOrdersQueryOptions = (query: SalesOrderQuery) =>
  queryOptions({ queryKey: ['sales-orders', 'list', compactQuery(query)], queryFn: () => getSalesOrders(query), placeholderData: keepPreviousData });

export function useSalesOrders(query: SalesOrderQuery) {
  return useQuery(salesOrdersQueryOptions(query));
}
