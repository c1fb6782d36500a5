import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

import { getAuditEvents } from './get-audit-events';

export type HistoryPage = components['schemas']['AuditHistoryPage'];

/** Resources whose API has `GET /api/v1/<resource>/{id}/history/`. */
export type HistoryResource = 'purchase-requests' | 'purchase-orders' | 'goods-receipts' | 'supplier-invoices';

/**
 * Where an object's history comes from: its resource's history action (anyone who may see the
 * object), or the audit log filtered to the object (administrators and auditors), for master
 * data whose API has no history action.
 */
export type HistorySource =
  | { kind: 'resource'; resource: HistoryResource; id: number }
  | { kind: 'object'; objectType: string; objectId: string | number };

const PAGE_SIZE = 10;

export async function getHistory(source: HistorySource, page: number): Promise<HistoryPage> {
  const query = { page, page_size: PAGE_SIZE };
  if (source.kind === 'object') {
    const result = await getAuditEvents({ ...query, object_type: source.objectType, object_id: String(source.objectId), ordering: '-sequence' });
    return { count: result.count, next: result.next ?? null, previous: result.previous ?? null, results: result.results };
  }
  const options = { params: { path: { id: source.id }, query } };
  switch (source.resource) {
    case 'purchase-requests':
      return dataOf(await apiClient.GET('/api/v1/purchase-requests/{id}/history/', options));
    case 'purchase-orders':
      return dataOf(await apiClient.GET('/api/v1/purchase-orders/{id}/history/', options));
    case 'goods-receipts':
      return dataOf(await apiClient.GET('/api/v1/goods-receipts/{id}/history/', options));
    case 'supplier-invoices':
      return dataOf(await apiClient.GET('/api/v1/supplier-invoices/{id}/history/', options));
  }
}

export const historyQueryOptions = (source: HistorySource, page: number) =>
  queryOptions({
    queryKey: ['audit', 'history', source, page],
    queryFn: () => getHistory(source, page),
    placeholderData: keepPreviousData,
  });

export function useHistory(source: HistorySource, page: number) {
  return useQuery(historyQueryOptions(source, page));
}

export const HISTORY_PAGE_SIZE = PAGE_SIZE;
