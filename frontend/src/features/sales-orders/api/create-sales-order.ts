import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { orderHeaderShape } from '@/components/records/order-header';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString } from '@/lib/decimal';

import type { SalesOrder } from './get-sales-order';

export const salesOrderLineSchema = z.object({
  product: z.string().min(1, 'Choose a product.'),
  product_label: z.string(),
  unit: z.string(),
  /** Shown for an indicative total only; the server prices the order. */
  list_price: z.string(),
  currency: z.string(),
  quantity: decimalString({ places: 3, nonZero: true, label: 'a quantity' }),
  discount_percent: z.union([z.literal(''), decimalString({ places: 2, label: 'a percentage' })]),
});

export const salesOrderInputSchema = z.object({
  customer: z.string(),
  /** Staff choose it; for a portal customer the server picks the warehouse. */
  location: z.string(),
  requested_date: z.string(),
  ...orderHeaderShape,
  lines: z.array(salesOrderLineSchema).min(1, 'Add at least one product.'),
});

export type SalesOrderInput = z.infer<typeof salesOrderInputSchema>;
export type SalesOrderLineInput = SalesOrderInput['lines'][number];
export const SALES_ORDER_FIELDS = Object.keys(salesOrderInputSchema.shape);
export const EMPTY_LINE: SalesOrderLineInput = { product: '', product_label: '', unit: '', list_price: '', currency: '', quantity: '', discount_percent: '' };

/**
 * Place a draft order; the server takes today's prices and tax rates. The idempotency key
 * makes a retried submit (double click, flaky network) return the same order.
 */
export async function createSalesOrder(input: SalesOrderInput, idempotencyKey: string): Promise<SalesOrder> {
  return dataOf(
    await apiClient.POST('/api/v1/sales-orders/', {
      headers: { 'Idempotency-Key': idempotencyKey },
      body: {
        ...(input.customer ? { customer: Number(input.customer) } : {}),
        ...(input.location ? { location: Number(input.location) } : {}),
        requested_date: input.requested_date || null,
        customer_reference: input.customer_reference,
        notes: input.notes,
        discount_percent: '0',
        shipping_charge: '0',
        allow_backorder: false,
        lines: input.lines.map((line) => ({
          product: line.product,
          quantity: line.quantity,
          discount_percent: line.discount_percent || '0',
          description: '',
        })),
      },
    }),
  );
}

export function useCreateSalesOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: SalesOrderInput; key: string }) => createSalesOrder(input, key),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sales-orders', 'list'] }),
  });
}
