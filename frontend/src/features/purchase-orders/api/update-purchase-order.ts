import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { apiClient, dataOf } from '@/lib/api-client';

import { orderLineSchema } from './create-purchase-order';
import type { PurchaseOrderDetail } from './get-purchase-order';

/** A line of an order being changed: ``id`` is the existing line it stands for ('' when new). */
export const editOrderLineSchema = orderLineSchema.and(z.object({ id: z.string() }));

export const editOrderSchema = z.object({
  ship_to: z.string().min(1, 'Choose where the goods go.'),
  expected_date: z.string(),
  notes: z.string(),
  lines: z.array(editOrderLineSchema).min(1, 'An order needs at least one line.'),
  reason: z.string().trim().max(300, 'Keep the reason under 300 characters.'),
});

export type EditOrderInput = z.infer<typeof editOrderSchema>;
export type EditOrderLine = EditOrderInput['lines'][number];
export const EDIT_ORDER_FIELDS = Object.keys(editOrderSchema.shape);
export const EMPTY_EDIT_LINE: EditOrderLine = { id: '', product: '', product_label: '', description: '', quantity: '', unit: 'each', unit_price: '' };

/** A value as typed back into a form: "12.500" -> "12.5". */
function plain(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

export function orderToEditInput(order: PurchaseOrderDetail): EditOrderInput {
  return {
    ship_to: String(order.ship_to),
    expected_date: order.expected_date ?? '',
    notes: order.notes ?? '',
    reason: '',
    lines: order.lines.map((line) => ({
      id: String(line.id),
      product: line.product ?? '',
      product_label: line.product ? line.description : '',
      description: line.description,
      quantity: plain(line.quantity),
      unit: line.unit,
      unit_price: plain(line.unit_price),
    })),
  };
}

/**
 * Change a draft, or revise an issued order (a new revision the supplier receives again):
 * lines with an id are changed, lines without are added, lines left out are removed.
 */
export async function updatePurchaseOrder(id: number, input: EditOrderInput, headers: Record<string, string> = {}): Promise<PurchaseOrderDetail> {
  return dataOf(
    await apiClient.PATCH('/api/v1/purchase-orders/{id}/', {
      params: { path: { id } },
      headers,
      body: {
        ship_to: Number(input.ship_to),
        expected_date: input.expected_date || null,
        notes: input.notes,
        reason: input.reason,
        lines: input.lines.map((line) => ({
          ...(line.id ? { id: Number(line.id) } : {}),
          product: line.product || null,
          description: line.description,
          quantity: line.quantity,
          unit: line.unit,
          unit_price: line.unit_price,
        })),
      },
    }),
  );
}

/** `headers`: If-Match with the version the form opened with. */
export function useUpdatePurchaseOrder(id: number, headers: Record<string, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EditOrderInput) => updatePurchaseOrder(id, input, headers),
    onSuccess: (order) => {
      queryClient.setQueryData(['purchase-orders', 'detail', id], order);
      return queryClient.invalidateQueries({ queryKey: ['purchase-orders'] });
    },
  });
}
