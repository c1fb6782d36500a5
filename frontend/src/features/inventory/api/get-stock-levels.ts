import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type StockLevel = components['schemas']['StockLevel'];
export type StockLevelQuery = NonNullable<paths['/api/v1/stock-levels/']['get']['parameters']['query']>;

export async function getStockLevels(query: StockLevelQuery) {
  return dataOf(await apiClient.GET('/api/v1/stock-levels/', { params: { query: compactQuery(query) } }));
}

export const stockLevelsQueryOptions = (query: StockLevelQuery) =>
  queryOptions({
    queryKey: ['inventory', 'stock-levels', compactQuery(query)],
    queryFn: () => getStockLevels(query),
    placeholderData: keepPreviousData,
  });

export function useStockLevels(query: StockLevelQuery) {
  return useQuery(stockLevelsQueryOptions(query));
}
