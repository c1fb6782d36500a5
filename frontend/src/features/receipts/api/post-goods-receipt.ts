import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { isDecimal } from '@/lib/decimal';

export type GoodsReceipt = components['schemas']['GoodsReceipt'];

const quantity = z
  .string()
  .trim()
  .refine((value) => value === '' || isDecimal(value, 3), 'Enter a quantity with up to 3 decimals.');

export const receiptLineSchema = z
  .object({
    order_line: z.number(),
    quantity_received: quantity,
    quantity_rejected: quantity,
    rejection_reason: z.string().trim().max(300),
  })
  .refine((line) => !(Number(line.quantity_rejected || '0') > 0 && line.rejection_reason === ''), {
    message: 'Say why goods were rejected.',
    path: ['rejection_reason'],
  });

export const goodsReceiptSchema = z
  .object({
    received_on: z.string().min(1, 'Enter the date the goods arrived.'),
    notes: z.string(),
    lines: z.array(receiptLineSchema),
  })
  .refine((value) => value.lines.some((line) => Number(line.quantity_received || '0') > 0 || Number(line.quantity_rejected || '0') > 0), {
    message: 'Enter a received or rejected quantity on at least one line.',
    path: ['lines'],
  });

export type GoodsReceiptInput = z.infer<typeof goodsReceiptSchema>;
export const RECEIPT_FIELDS = ['received_on', 'notes', 'lines'];

/** Post a receipt: stock rises at the order's ship-to location; the server refuses over-receipt (409). */
export async function postGoodsReceipt(order: number, input: GoodsReceiptInput): Promise<GoodsReceipt> {
  // Lines left empty are not sent, so the server's line indexes follow the sent list.
  const lines = input.lines
    .filter((line) => Number(line.quantity_received || '0') > 0 || Number(line.quantity_rejected || '0') > 0)
    .map((line) => ({
      order_line: line.order_line,
      quantity_received: line.quantity_received || '0',
      quantity_rejected: line.quantity_rejected || '0',
      rejection_reason: line.rejection_reason,
    }));
  return dataOf(await apiClient.POST('/api/v1/goods-receipts/', { body: { order, received_on: input.received_on, notes: input.notes, lines } }));
}

export function usePostGoodsReceipt(order: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GoodsReceiptInput) => postGoodsReceipt(order, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['purchase-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['receipts'] });
      void queryClient.invalidateQueries({ queryKey: ['inventory'] });
    },
  });
}
