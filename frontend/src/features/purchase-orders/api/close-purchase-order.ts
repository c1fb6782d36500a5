import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { PurchaseOrderDetail } from './get-purchase-order';

/** Close a received order, or short-close a partially received one: nothing more is expected. */
export async function closePurchaseOrder(id: number, reason: string): Promise<PurchaseOrderDetail> {
  return dataOf(await apiClient.POST('/api/v1/purchase-orders/{id}/close/', { params: { path: { id } }, body: { reason } }));
}

export function useClosePurchaseOrder(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => closePurchaseOrder(id, reason),
    onSuccess: (order) => {
      queryClient.setQueryData(['purchase-orders', 'detail', id], order);
      return queryClient.invalidateQueries({ queryKey: ['purchase-orders', 'list'] });
    },
  });
}
