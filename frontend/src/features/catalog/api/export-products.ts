import { API_PREFIX } from '@/lib/api-client';
import { withQuery } from '@/lib/query-string';

import type { ProductListQuery } from './get-products';

/** The CSV export of the products matching the list's filters (same query, no paging). */
export function productsExportUrl(query: ProductListQuery): string {
  const { sku, ...rest } = query;
  const filters: Record<string, string | number | boolean | undefined> = { ...rest, sku: sku?.join(','), format: 'csv' };
  delete filters.page;
  delete filters.page_size;
  return withQuery(`${API_PREFIX}/products/export/`, filters);
}
