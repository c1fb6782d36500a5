import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

import type { GoodsReceipt } from './post-goods-receipt';

export type ReturnInput = components['schemas']['ReceiptReturnWriteRequest'];

/** Send received goods back to the supplier: stock goes out, the order expects them again. */
export async function returnGoods(receipt: number, body: ReturnInput): Promise<GoodsReceipt> {
  return dataOf(await apiClient.POST('/api/v1/goods-receipts/{id}/return/', { params: { path: { id: receipt } }, body }));
}

export function useReturnGoods(receipt: number, order: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReturnInput) => returnGoods(receipt, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['receipts', 'for-order', order] }),
        queryClient.invalidateQueries({ queryKey: ['purchase-orders', 'detail', order] }),
      ]),
  });
}
