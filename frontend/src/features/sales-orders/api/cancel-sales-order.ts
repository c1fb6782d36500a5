import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { SalesOrder } from './get-sales-order';

/** Cancel a draft or confirmed order; reservations are released. */
export async function cancelSalesOrder(id: number, reason: string): Promise<SalesOrder> {
  return dataOf(await apiClient.POST('/api/v1/sales-orders/{id}/cancel/', { params: { path: { id } }, body: { reason } }));
}

export function useCancelSalesOrder(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => cancelSalesOrder(id, reason),
    onSuccess: (order) => {
      queryClient.setQueryData(['sales-orders', 'detail', id], order);
      return queryClient.invalidateQueries({ queryKey: ['sales-orders'] });
    },
  });
}
