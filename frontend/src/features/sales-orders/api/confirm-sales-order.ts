import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';

import type { SalesOrder, SalesOrderLine } from './get-sales-order';

export interface ShortLine {
  line_no: number;
  sku: string;
  requested: string;
  available: string;
}

/** Why a confirmation was refused, in a shape the page can show. */
export type ConfirmProblem =
  | { kind: 'short-stock'; message: string; lines: ShortLine[] }
  | { kind: 'credit-limit'; message: string }
  | { kind: 'other'; message: string };

/**
 * Reserve the stock and check credit. On a 409 for short stock the problem body lists the
 * short lines, but the API client keeps only the message; so the lines are worked out from the
 * stock levels at the order's location (available = on hand - reserved).
 */
export async function shortLinesOf(order: SalesOrder): Promise<ShortLine[]> {
  const products = [...new Set(order.lines.map((line) => line.product))];
  const available = new Map<string, number>();
  await Promise.all(
    products.map(async (product) => {
      const page = dataOf(await apiClient.GET('/api/v1/stock-levels/', { params: { query: { product, location: order.location, page_size: 5 } } }));
      available.set(product, page.results.reduce((sum, row) => sum + Number(row.available), 0));
    }),
  );
  return order.lines
    .filter((line: SalesOrderLine) => Number(line.quantity) > (available.get(line.product) ?? 0))
    .map((line) => ({ line_no: line.line_no, sku: line.sku, requested: line.quantity, available: String(available.get(line.product) ?? 0) }));
}

export async function confirmSalesOrder(id: number, options: { override_credit?: boolean; comment?: string } = {}): Promise<SalesOrder> {
  return dataOf(
    await apiClient.POST('/api/v1/sales-orders/{id}/confirm/', { params: { path: { id } }, body: { override_credit: options.override_credit ?? false, comment: options.comment ?? '' } }),
  );
}

/** Turns a refused confirmation into what the page shows. */
export async function describeConfirmError(error: unknown, order: SalesOrder): Promise<ConfirmProblem> {
  if (isApiError(error) && error.code === 'insufficient_stock') {
    const lines = await shortLinesOf(order).catch(() => []);
    return { kind: 'short-stock', message: error.detail, lines };
  }
  if (isApiError(error) && error.code === 'credit_limit_exceeded') return { kind: 'credit-limit', message: error.detail };
  return { kind: 'other', message: isApiError(error) ? error.userMessage : 'The order could not be confirmed.' };
}

export function useConfirmSalesOrder(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (options: { override_credit?: boolean; comment?: string } = {}) => confirmSalesOrder(id, options),
    onSuccess: (order) => {
      queryClient.setQueryData(['sales-orders', 'detail', id], order);
      void queryClient.invalidateQueries({ queryKey: ['sales-orders', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['sales-orders', 'stock'] });
    },
  });
}
