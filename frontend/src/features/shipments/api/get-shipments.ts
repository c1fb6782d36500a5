import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type ShipmentQuery = NonNullable<paths['/api/v1/shipments/']['get']['parameters']['query']>;

export async function getShipments(query: ShipmentQuery) {
  return dataOf(await apiClient.GET('/api/v1/shipments/', { params: { query: compactQuery(query) } }));
}

export const shipmentsQueryOptions = (query: ShipmentQuery) =>
  queryOptions({ queryKey: ['shipments', 'list', compactQuery(query)], queryFn: () => getShipments(query), placeholderData: keepPreviousData });

export function useShipments(query: ShipmentQuery, enabled = true) {
  return useQuery({ ...shipmentsQueryOptions(query), enabled });
}
