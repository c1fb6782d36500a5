import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type ProductOption = Pick<components['schemas']['Product'], 'id' | 'sku' | 'name' | 'unit' | 'list_price' | 'currency'>;

/** Active products matching a SKU or name, for an item row. */
export async function searchProducts(search: string): Promise<ProductOption[]> {
  const page = dataOf(
    await apiClient.GET('/api/v1/products/', { params: { query: { search: search || undefined, active: true, page_size: 20, ordering: 'sku' } } }),
  );
  return page.results;
}

export const productSearchQueryOptions = (search: string) =>
  queryOptions({
    queryKey: ['purchase-requests', 'product-search', search],
    queryFn: () => searchProducts(search),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

export function useProductSearch(search: string, enabled = true) {
  return useQuery({ ...productSearchQueryOptions(search), enabled });
}
