import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { SalesOrder } from './get-sales-order';

export interface LineStock {
  product: string;
  on_hand: string;
  reserved: string;
  available: string;
}

/** Stock at the order's location for each product on it, so people see what confirming does. */
export async function getOrderStock(order: SalesOrder): Promise<Record<string, LineStock>> {
  const products = [...new Set(order.lines.map((line) => line.product))];
  const rows = await Promise.all(
    products.map(async (product) => {
      const page = dataOf(await apiClient.GET('/api/v1/stock-levels/', { params: { query: { product, location: order.location, page_size: 5 } } }));
      const row = page.results[0];
      return [product, { product, on_hand: row?.on_hand ?? '0', reserved: row?.reserved ?? '0', available: row?.available ?? '0' }] as const;
    }),
  );
  return Object.fromEntries(rows);
}

export const orderStockQueryOptions = (order: SalesOrder) =>
  queryOptions({ queryKey: ['sales-orders', 'stock', order.id, order.updated_at], queryFn: () => getOrderStock(order) });

export function useOrderStock(order: SalesOrder, enabled: boolean) {
  return useQuery({ ...orderStockQueryOptions(order), enabled });
}
