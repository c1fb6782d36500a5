import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type Supplier = components['schemas']['Supplier'];
export type SupplierQuery = NonNullable<paths['/api/v1/suppliers/']['get']['parameters']['query']>;
export type PartyStatus = components['schemas']['PartyStatusEnum'];

export async function getSuppliers(query: SupplierQuery) {
  return dataOf(await apiClient.GET('/api/v1/suppliers/', { params: { query: compactQuery(query) } }));
}

export const suppliersQueryOptions = (query: SupplierQuery) =>
  queryOptions({ queryKey: ['partners', 'suppliers', 'list', compactQuery(query)], queryFn: () => getSuppliers(query), placeholderData: keepPreviousData });

export function useSuppliers(query: SupplierQuery) {
  return useQuery(suppliersQueryOptions(query));
}
