import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type TaxCategory = components['schemas']['TaxCategory'];

export async function getTaxCategories(): Promise<TaxCategory[]> {
  const page = dataOf(await apiClient.GET('/api/v1/tax-categories/', { params: { query: { page_size: 200, is_active: true } } }));
  return page.results;
}

export const taxCategoriesQueryOptions = () =>
  queryOptions({ queryKey: ['catalog', 'tax-categories'], queryFn: getTaxCategories, staleTime: 5 * 60_000 });

export function useTaxCategories() {
  return useQuery(taxCategoriesQueryOptions());
}
