import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type StockMovement = components['schemas']['StockMovement'];
export type MovementKind = components['schemas']['StockMovementKindEnum'];
export type StockMovementQuery = NonNullable<paths['/api/v1/stock-movements/']['get']['parameters']['query']>;

export const MOVEMENT_KIND_LABELS: Record<MovementKind, string> = {
  receipt: 'Receipt',
  issue: 'Issue',
  transfer_out: 'Transfer out',
  transfer_in: 'Transfer in',
  adjustment: 'Adjustment',
  return: 'Return',
  revaluation: 'Revaluation (landed cost)',
};

export async function getStockMovements(query: StockMovementQuery) {
  return dataOf(await apiClient.GET('/api/v1/stock-movements/', { params: { query: compactQuery(query) } }));
}

export const stockMovementsQueryOptions = (query: StockMovementQuery) =>
  queryOptions({
    queryKey: ['inventory', 'stock-movements', compactQuery(query)],
    queryFn: () => getStockMovements(query),
    placeholderData: keepPreviousData,
  });

export function useStockMovements(query: StockMovementQuery) {
  return useQuery(stockMovementsQueryOptions(query));
}
