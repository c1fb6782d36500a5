import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type SupplierPlant = components['schemas']['SupplierPlant'];
export type MappingQuery = NonNullable<paths['/api/v1/supplier-plant-mappings/']['get']['parameters']['query']>;

export async function getMappings(query: MappingQuery) {
  return dataOf(await apiClient.GET('/api/v1/supplier-plant-mappings/', { params: { query: compactQuery(query) } }));
}

export const mappingsQueryOptions = (query: MappingQuery) =>
  queryOptions({ queryKey: ['partners', 'mappings', compactQuery(query)], queryFn: () => getMappings(query), placeholderData: keepPreviousData });

export function useMappings(query: MappingQuery) {
  return useQuery(mappingsQueryOptions(query));
}
