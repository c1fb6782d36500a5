import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type PurchaseRequest = components['schemas']['PurchaseRequest'];
export type ApprovalStep = components['schemas']['ApprovalStep'];
export type ApprovalHistoryEntry = components['schemas']['ApprovalHistory'];

export async function getPurchaseRequest(id: number): Promise<PurchaseRequest> {
  return dataOf(await apiClient.GET('/api/v1/purchase-requests/{id}/', { params: { path: { id } } }));
}

export const purchaseRequestQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['purchase-requests', 'detail', id], queryFn: () => getPurchaseRequest(id) });

export function usePurchaseRequest(id: number) {
  return useQuery({ ...purchaseRequestQueryOptions(id), enabled: Number.isInteger(id) && id > 0 });
}
