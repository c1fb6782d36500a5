import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type LowStock = components['schemas']['LowStock'];
export type LowStockQuery = NonNullable<paths['/api/v1/stock/low/']['get']['parameters']['query']>;

export async function getLowStock(query: LowStockQuery) {
  return dataOf(await apiClient.GET('/api/v1/stock/low/', { params: { query: compactQuery(query) } }));
}

export const lowStockQueryOptions = (query: LowStockQuery) =>
  queryOptions({
    queryKey: ['inventory', 'low-stock', compactQuery(query)],
    queryFn: () => getLowStock(query),
    placeholderData: keepPreviousData,
  });

export function useLowStock(query: LowStockQuery) {
  return useQuery(lowStockQueryOptions(query));
}
