import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type PurchaseOrderDetail = components['schemas']['PurchaseOrderDetail'];
export type PurchaseOrderLine = PurchaseOrderDetail['lines'][number];

export async function getPurchaseOrder(id: number): Promise<PurchaseOrderDetail> {
  return dataOf(await apiClient.GET('/api/v1/purchase-orders/{id}/', { params: { path: { id } } }));
}

export const purchaseOrderQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['purchase-orders', 'detail', id], queryFn: () => getPurchaseOrder(id) });

export function usePurchaseOrder(id: number) {
  return useQuery({ ...purchaseOrderQueryOptions(id), enabled: Number.isInteger(id) && id > 0 });
}
