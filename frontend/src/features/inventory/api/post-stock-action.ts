import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString, optionalDecimalString } from '@/lib/decimal';

/*
 * The four manual stock actions (warehouse): adjustment, transfer, receipt, cycle count. Each
 * posts movements to the ledger; the server checks stock and computes values.
 */

export type MovementsOutput = components['schemas']['MovementsOutput'];
export type StockAction = 'adjustment' | 'transfer' | 'receipt' | 'count';

export const STOCK_ACTION_LABELS: Record<StockAction, string> = {
  adjustment: 'Adjust stock',
  transfer: 'Transfer stock',
  receipt: 'Receive stock',
  count: 'Record a count',
};

const common = {
  product: z.string().min(1, 'Choose a product.'),
  reference: z.string().trim().max(64, 'Keep it under 64 characters.'),
};
const location = z.string().min(1, 'Choose a location.');

export const adjustmentSchema = z.object({
  ...common,
  location,
  quantity: decimalString({ places: 3, signed: true, nonZero: true, label: 'a quantity' }),
  reason: z.string().trim().min(1, 'Give a reason for the adjustment.'),
  unit_cost: optionalDecimalString({ places: 4, label: 'a cost' }),
  /** Lot-tracked products: the lot the cases belong to (a new one is registered when adding). */
  lot_code: z.string().trim().max(40, 'Keep it under 40 characters.'),
  use_by: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'Enter a date.'),
  /** Catch-weight products: the actual net weight of the cases added or removed. */
  weight: optionalDecimalString({ places: 3, label: 'a weight' }),
});

export const transferSchema = z
  .object({
    ...common,
    from_location: location,
    to_location: location,
    quantity: decimalString({ places: 3, nonZero: true, label: 'a quantity' }),
  })
  .refine((value) => value.from_location !== value.to_location, {
    path: ['to_location'],
    message: 'Choose a different location.',
  });

export const receiptSchema = z.object({
  ...common,
  location,
  quantity: decimalString({ places: 3, nonZero: true, label: 'a quantity' }),
  unit_cost: decimalString({ places: 4, label: 'a cost' }),
});

export const countSchema = z.object({
  ...common,
  location,
  counted_quantity: decimalString({ places: 3, label: 'a quantity' }),
  reason: z.string().trim(),
});

export type AdjustmentInput = z.infer<typeof adjustmentSchema>;
export type TransferInput = z.infer<typeof transferSchema>;
export type ReceiptInput = z.infer<typeof receiptSchema>;
export type CountInput = z.infer<typeof countSchema>;

export type StockActionInput =
  | { action: 'adjustment'; values: AdjustmentInput }
  | { action: 'transfer'; values: TransferInput }
  | { action: 'receipt'; values: ReceiptInput }
  | { action: 'count'; values: CountInput };

export async function postStockAction(input: StockActionInput): Promise<MovementsOutput> {
  switch (input.action) {
    case 'adjustment': {
      const { unit_cost, location: loc, lot_code, use_by, weight, ...rest } = input.values;
      return dataOf(
        await apiClient.POST('/api/v1/stock/adjustments/', {
          body: {
            ...rest,
            location: Number(loc),
            ...(unit_cost ? { unit_cost } : {}),
            lot_code,
            ...(use_by ? { use_by } : {}),
            ...(weight ? { weight } : {}),
          },
        }),
      );
    }
    case 'transfer': {
      const { from_location, to_location, ...rest } = input.values;
      return dataOf(
        await apiClient.POST('/api/v1/stock/transfers/', {
          body: { ...rest, from_location: Number(from_location), to_location: Number(to_location) },
        }),
      );
    }
    case 'receipt':
      return dataOf(
        await apiClient.POST('/api/v1/stock/receipts/', { body: { ...input.values, location: Number(input.values.location) } }),
      );
    case 'count':
      return dataOf(await apiClient.POST('/api/v1/stock/counts/', { body: { ...input.values, location: Number(input.values.location) } }));
  }
}

export function usePostStockAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postStockAction,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['inventory'] }),
  });
}
