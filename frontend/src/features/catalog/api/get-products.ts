import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

type StaffProduct = components['schemas']['Product'];
/**
 * A product as its reader receives it: staff get the `Product` shape with costs, customers the
 * `ProductPublic` shape without them, so the staff-only fields may be missing.
 */
export type Product = components['schemas']['ProductPublic'] & Partial<Omit<StaffProduct, keyof components['schemas']['ProductPublic']>>;
/** A page-number page: it always carries `count` (keyset pages, `?cursor=`, carry none). */
export type ProductPage = Omit<components['schemas']['PaginatedProductForReaderList'], 'count'> & { count: number };
export type ProductListQuery = NonNullable<paths['/api/v1/products/']['get']['parameters']['query']>;
export type Unit = components['schemas']['UnitEnum'];

export const UNITS: readonly Unit[] = ['each', 'case', 'lb', 'kg'];
export const UNIT_LABELS: Record<Unit, string> = { each: 'Each', case: 'Case', lb: 'Pound (lb)', kg: 'Kilogram (kg)' };

export async function getProducts(query: ProductListQuery): Promise<ProductPage> {
  const page = dataOf(await apiClient.GET('/api/v1/products/', { params: { query: compactQuery({ ...query, cursor: undefined }) } }));
  return { ...page, count: page.count ?? page.results.length };
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
