import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { PurchaseOrderDetail } from './get-purchase-order';

/** Send to the supplier: the server e-mails the PDF in the background. */
export async function issuePurchaseOrder(id: number): Promise<PurchaseOrderDetail> {
  return dataOf(await apiClient.POST('/api/v1/purchase-orders/{id}/issue/', { params: { path: { id } } }));
}

export function useIssuePurchaseOrder(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => issuePurchaseOrder(id),
    onSuccess: (order) => {
      queryClient.setQueryData(['purchase-orders', 'detail', id], order);
      return queryClient.invalidateQueries({ queryKey: ['purchase-orders', 'list'] });
    },
  });
}
