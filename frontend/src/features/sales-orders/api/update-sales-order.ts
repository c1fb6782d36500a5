import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { orderHeaderShape } from '@/components/records/order-header';
import { apiClient, dataOf } from '@/lib/api-client';

import { salesOrderLineSchema } from './create-sales-order';
import type { SalesOrder } from './get-sales-order';

/** A line of a draft being changed: ``id`` is the existing line ('' for a new one), whose
 * description is kept ('' takes the product's name). */
export const editSalesLineSchema = salesOrderLineSchema.extend({ id: z.string(), description: z.string() });

export const editSalesOrderSchema = z.object({
  requested_date: z.string(),
  ...orderHeaderShape,
  lines: z.array(editSalesLineSchema).min(1, 'Add at least one product.'),
});

export type EditSalesOrderInput = z.infer<typeof editSalesOrderSchema>;
export type EditSalesLine = EditSalesOrderInput['lines'][number];
export const EDIT_SALES_ORDER_FIELDS = Object.keys(editSalesOrderSchema.shape);
export const EMPTY_EDIT_SALES_LINE: EditSalesLine = { id: '', description: '', product: '', product_label: '', unit: '', list_price: '', currency: '', quantity: '', discount_percent: '' };

function plain(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

export function salesOrderToEditInput(order: SalesOrder): EditSalesOrderInput {
  return {
    requested_date: order.requested_date ?? '',
    customer_reference: order.customer_reference ?? '',
    notes: order.notes ?? '',
    lines: order.lines.map((line) => ({
      id: String(line.id),
      description: line.description,
      product: line.product,
      product_label: `${line.sku} — ${line.description} (${line.unit})`,
      unit: line.unit,
      // An existing line keeps the price it was taken at; the grid's total uses it.
      list_price: line.unit_price,
      currency: order.currency,
      quantity: plain(line.quantity),
      discount_percent: Number(line.discount_percent) ? plain(line.discount_percent) : '',
    })),
  };
}

/**
 * Change a draft order: lines with an id keep their price and tax snapshot (quantity and
 * discount change), new lines take today's price, lines left out are removed.
 */
export async function updateSalesOrder(id: number, input: EditSalesOrderInput, headers: Record<string, string> = {}): Promise<SalesOrder> {
  return dataOf(
    await apiClient.PATCH('/api/v1/sales-orders/{id}/', {
      params: { path: { id } },
      headers,
      body: {
        requested_date: input.requested_date || null,
        customer_reference: input.customer_reference,
        notes: input.notes,
        lines: input.lines.map((line) => ({
          ...(line.id ? { id: Number(line.id) } : {}),
          product: line.product,
          quantity: line.quantity,
          discount_percent: line.discount_percent || '0',
          description: line.description,
        })),
      },
    }),
  );
}

/** `headers`: If-Match with the version the form opened with. */
export function useUpdateSalesOrder(id: number, headers: Record<string, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EditSalesOrderInput) => updateSalesOrder(id, input, headers),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sales-orders'] }),
  });
}
