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

export type ProductResolution = components['schemas']['ProductResolution'];

/** The most identifiers one lookup request carries (the server's limit). */
const RESOLVE_CHUNK = 500;

/**
 * What each pasted identifier (SKU, GTIN or product name; with `supplier`, on a purchase
 * document, also that supplier's own product code) stands for, keyed by the identifier as
 * pasted: one request per 500 distinct identifiers, however many rows were pasted.
 */
export async function resolveProducts(identifiers: readonly string[], supplier?: number): Promise<Map<string, ProductResolution>> {
  const found = new Map<string, ProductResolution>();
  const unique = [...new Set(identifiers)];
  for (let start = 0; start < unique.length; start += RESOLVE_CHUNK) {
    const chunk = unique.slice(start, start + RESOLVE_CHUNK);
    const body = dataOf(await apiClient.POST('/api/v1/products/resolve/', { body: { identifiers: chunk, ...(supplier ? { supplier } : {}) } }));
    body.results.forEach((result, index) => found.set(chunk[index] ?? result.identifier, result));
  }
  return found;
}

/** Why a pasted row's product could not be used, or null when it resolved to one product. */
export function unresolvedReason(row: number, identifier: string, resolution: ProductResolution | undefined, supplierCodes = false): string | null {
  if (resolution?.status === 'found' && resolution.product) return null;
  if (resolution?.status === 'ambiguous') {
    const skus = resolution.candidates.map((candidate) => candidate.sku);
    const shown = skus.length > 4 ? `${skus.slice(0, 4).join(', ')}…` : skus.join(', ');
    return `Row ${row}: "${identifier}" is the name of ${skus.length} products (${shown}); paste the SKU or GTIN instead.`;
  }
  if (resolution?.status === 'inactive' && resolution.product) {
    return `Row ${row}: "${identifier}" is ${productLabel(resolution.product)}, which is no longer in use.`;
  }
  return `Row ${row}: no product has the SKU, ${supplierCodes ? "supplier's code, " : ''}GTIN or name "${identifier}".`;
}

export function productLabel(product: Pick<LineProduct, 'sku' | 'name'>): string {
  return `${product.sku} — ${product.name}`;
}
