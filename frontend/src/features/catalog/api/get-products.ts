import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type Product = components['schemas']['Product'];
export type ProductPage = components['schemas']['PaginatedProductList'];
export type ProductListQuery = NonNullable<paths['/api/v1/products/']['get']['parameters']['query']>;
export type Unit = components['schemas']['UnitEnum'];

export const UNITS: readonly Unit[] = ['each', 'case', 'lb', 'kg'];
export const UNIT_LABELS: Record<Unit, string> = { each: 'Each', case: 'Case', lb: 'Pound (lb)', kg: 'Kilogram (kg)' };

export async function getProducts(query: ProductListQuery): Promise<ProductPage> {
  return dataOf(await apiClient.GET('/api/v1/products/', { params: { query: compactQuery(query) } }));
}

export const productsQueryOptions = (query: ProductListQuery) =>
  queryOptions({
    queryKey: ['catalog', 'products', 'list', compactQuery(query)],
    queryFn: () => getProducts(query),
    placeholderData: keepPreviousData,
  });

export function useProducts(query: ProductListQuery) {
  return useQuery(productsQueryOptions(query));
}
