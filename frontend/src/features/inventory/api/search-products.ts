import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type ProductOption = Pick<components['schemas']['Product'], 'id' | 'sku' | 'name' | 'unit'>;

/** Active products matching a SKU or name, for the product picker of stock forms. */
export async function searchProducts(search: string): Promise<ProductOption[]> {
  const page = dataOf(
    await apiClient.GET('/api/v1/products/', { params: { query: { search: search || undefined, active: true, page_size: 25, ordering: 'sku' } } }),
  );
  return page.results;
}

export const productSearchQueryOptions = (search: string) =>
  queryOptions({ queryKey: ['inventory', 'product-search', search], queryFn: () => searchProducts(search), placeholderData: keepPreviousData });

export function useProductSearch(search: string) {
  return useQuery(productSearchQueryOptions(search));
}
