import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type Lot = components['schemas']['Lot'];
export type LotStock = components['schemas']['LotStock'];
export type LotTrace = components['schemas']['LotTrace'];
export type LotQuery = NonNullable<paths['/api/v1/lots/']['get']['parameters']['query']>;

export async function getLots(query: LotQuery) {
  return dataOf(await apiClient.GET('/api/v1/lots/', { params: { query: compactQuery(query) } }));
}

export function useLots(query: LotQuery) {
  return useQuery(
    queryOptions({ queryKey: ['lots', 'list', compactQuery(query)], queryFn: () => getLots(query), placeholderData: keepPreviousData }),
  );
}

/** Lot stock whose use-by falls within the window (expired stock included). */
export async function getExpiringLots(withinDays: number, page: number) {
  return dataOf(await apiClient.GET('/api/v1/stock/expiring-lots/', { params: { query: { within_days: withinDays, page } } }));
}

export function useExpiringLots(withinDays: number, page: number) {
  return useQuery(
    queryOptions({
      queryKey: ['lots', 'expiring', withinDays, page],
      queryFn: () => getExpiringLots(withinDays, page),
      placeholderData: keepPreviousData,
    }),
  );
}

export async function getLotTrace(id: number) {
  return dataOf(await apiClient.GET('/api/v1/lots/{id}/trace/', { params: { path: { id } } }));
}

export function useLotTrace(id: number | null) {
  return useQuery(
    queryOptions({ queryKey: ['lots', 'trace', id], queryFn: () => getLotTrace(id ?? 0), enabled: id !== null }),
  );
}
