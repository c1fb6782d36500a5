import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type Carrier = components['schemas']['Carrier'];
export type CarrierQuery = NonNullable<paths['/api/v1/carriers/']['get']['parameters']['query']>;

export async function getCarriers(query: CarrierQuery) {
  return dataOf(await apiClient.GET('/api/v1/carriers/', { params: { query: compactQuery(query) } }));
}

export const carriersQueryOptions = (query: CarrierQuery) =>
  queryOptions({ queryKey: ['partners', 'carriers', 'list', compactQuery(query)], queryFn: () => getCarriers(query), placeholderData: keepPreviousData });

export function useCarriers(query: CarrierQuery) {
  return useQuery(carriersQueryOptions(query));
}
