import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { GoodsReceipt } from './post-goods-receipt';

export async function getGoodsReceipts(order: number): Promise<GoodsReceipt[]> {
  return dataOf(await apiClient.GET('/api/v1/goods-receipts/', { params: { query: { order, ordering: '-created_at', page_size: 100 } } })).results;
}

export const goodsReceiptsQueryOptions = (order: number) =>
  queryOptions({ queryKey: ['receipts', 'for-order', order], queryFn: () => getGoodsReceipts(order) });

export function useGoodsReceipts(order: number) {
  return useQuery(goodsReceiptsQueryOptions(order));
}
