import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type LineProduct = Pick<components['schemas']['Product'], 'id' | 'sku' | 'name' | 'unit' | 'list_price' | 'currency' | 'gtin'>;

/** Active products whose SKU, name or GTIN matches, for one line's autocomplete. */
export async function searchLineProducts(search: string): Promise<LineProduct[]> {
  const page = dataOf(
    await apiClient.GET('/api/v1/products/', {
      params: { query: { search: search || undefined, active: true, page_size: 12, ordering: 'sku' } },
    }),
  );
  return page.results;
}

/** The active products with these exact SKUs (a pasted block), in one request. */
export async function productsBySku(skus: readonly string[]): Promise<Map<string, LineProduct>> {
  const found = new Map<string, LineProduct>();
  const unique = [...new Set(skus)];
  for (let start = 0; start < unique.length; start += 100) {
    const chunk = unique.slice(start, start + 100);
    const page = dataOf(
      await apiClient.GET('/api/v1/products/', {
        params: { query: { sku: chunk, active: true, page_size: 100 } },
        // The filter reads one comma-separated value: sku=A,B.
        querySerializer: { array: { style: 'form', explode: false } },
      }),
    );
    for (const product of page.results) found.set(product.sku, product);
  }
  return found;
}

export function productLabel(product: Pick<LineProduct, 'sku' | 'name'>): string {
  return `${product.sku} — ${product.name}`;
}
