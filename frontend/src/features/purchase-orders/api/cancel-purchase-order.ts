import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { PurchaseOrderDetail } from './get-purchase-order';

export async function cancelPurchaseOrder(id: number, reason: string): Promise<PurchaseOrderDetail> {
  return dataOf(await apiClient.POST('/api/v1/purchase-orders/{id}/cancel/', { params: { path: { id } }, body: { reason } }));
}

export function useCancelPurchaseOrder(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => cancelPurchaseOrder(id, reason),
    onSuccess: (order) => {
      queryClient.setQueryData(['purchase-orders', 'detail', id], order);
      return queryClient.invalidateQueries({ queryKey: ['purchase-orders', 'list'] });
    },
  });
}
