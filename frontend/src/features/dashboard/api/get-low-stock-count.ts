import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';
import { pollWhileVisible } from '@/lib/polling';

/** How many (product, location) pairs are at or below their reorder point. */
export async function getLowStockCount(): Promise<number> {
  return dataOf(await apiClient.GET('/api/v1/stock/low/', { params: { query: { page_size: 1 } } })).count;
}

export const lowStockCountQueryOptions = () =>
  queryOptions({
    queryKey: ['dashboard', 'low-stock-count'],
    queryFn: getLowStockCount,
    refetchInterval: pollWhileVisible,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });

export function useLowStockCount(enabled: boolean) {
  return useQuery({ ...lowStockCountQueryOptions(), enabled });
}
