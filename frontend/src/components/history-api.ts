import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type HistoryPage = components['schemas']['AuditHistoryPage'];
export type HistoryEvent = components['schemas']['AuditEvent'];

/** Every resource whose API has `GET /api/v1/<resource>/{id}/history/`. */
const HISTORY_PATHS = {
  'purchase-requests': '/api/v1/purchase-requests/{id}/history/',
  'purchase-orders': '/api/v1/purchase-orders/{id}/history/',
  'goods-receipts': '/api/v1/goods-receipts/{id}/history/',
  'supplier-invoices': '/api/v1/supplier-invoices/{id}/history/',
  'sales-orders': '/api/v1/sales-orders/{id}/history/',
  'customer-invoices': '/api/v1/customer-invoices/{id}/history/',
  products: '/api/v1/products/{id}/history/',
  categories: '/api/v1/categories/{id}/history/',
  'tax-categories': '/api/v1/tax-categories/{id}/history/',
  'tax-rates': '/api/v1/tax-rates/{id}/history/',
  'supplier-items': '/api/v1/supplier-items/{id}/history/',
  suppliers: '/api/v1/suppliers/{id}/history/',
  plants: '/api/v1/plants/{id}/history/',
  'supplier-plant-mappings': '/api/v1/supplier-plant-mappings/{id}/history/',
  customers: '/api/v1/customers/{id}/history/',
  contacts: '/api/v1/contacts/{id}/history/',
  carriers: '/api/v1/carriers/{id}/history/',
  locations: '/api/v1/locations/{id}/history/',
  'reorder-rules': '/api/v1/reorder-rules/{id}/history/',
  users: '/api/v1/users/{id}/history/',
  departments: '/api/v1/departments/{id}/history/',
} as const satisfies Record<string, keyof paths>;

export type HistoryResource = keyof typeof HISTORY_PATHS;

/**
 * Whose history: a resource and the object's id (products have uuids, the rest numbers).
 * `version` (e.g. the object's `updated_at`) makes the history reload after the object changes.
 */
export interface HistorySource {
  resource: HistoryResource;
  id: number | string;
  version?: string;
}

export const HISTORY_PAGE_SIZE = 10;

// Every history action takes the same path and query parameters and answers an
// AuditHistoryPage; one of them stands for all in the call's types.
type AnyHistoryPath = '/api/v1/suppliers/{id}/history/';

export async function getHistory({ resource, id }: HistorySource, page: number): Promise<HistoryPage> {
  const path = HISTORY_PATHS[resource] as AnyHistoryPath;
  const params = { path: { id: id as number }, query: { page, page_size: HISTORY_PAGE_SIZE } };
  return dataOf(await apiClient.GET(path, { params }));
}

export const historyQueryOptions = (source: HistorySource, page: number) =>
  queryOptions({
    queryKey: ['history', source.resource, String(source.id), source.version ?? '', page],
    queryFn: () => getHistory(source, page),
    placeholderData: keepPreviousData,
  });

export function useHistory(source: HistorySource, page: number) {
  return useQuery(historyQueryOptions(source, page));
}
