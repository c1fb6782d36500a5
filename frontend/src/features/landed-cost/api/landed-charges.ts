import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString } from '@/lib/decimal';

export type LandedCharge = components['schemas']['LandedCharge'];
export type StockCost = Pick<components['schemas']['StockLevel'], 'id' | 'product' | 'product_sku' | 'on_hand' | 'average_cost' | 'value'>;

export const CHARGE_KINDS = { freight: 'Freight', cold_storage: 'Cold storage', duty: 'Duty', other: 'Other' } as const;
export const BASES = { weight: 'By net weight', quantity: 'By quantity', value: 'By value' } as const;

/** Charges landed on the receipts of one purchase order, with their allocations per line. */
export function useOrderCharges(order: number) {
  return useQuery({
    queryKey: ['landed-cost', 'order', order],
    queryFn: async () =>
      dataOf(await apiClient.GET('/api/v1/landed-charges/', { params: { query: { receipt__order: order, page_size: 200 } } })).results,
  });
}

/** The moving-average cost of each product at the receiving location: what a charge moves. */
export function useStockCosts(products: readonly string[], location: number) {
  return useQueries({
    queries: products.map((product) => ({
      queryKey: ['landed-cost', 'stock-cost', product, location],
      queryFn: async (): Promise<StockCost | undefined> =>
        dataOf(await apiClient.GET('/api/v1/stock-levels/', { params: { query: { product, location, page_size: 1 } } })).results[0],
    })),
  });
}

export const chargeSchema = z.object({
  receipt: z.string().min(1, 'Choose the receipt.'),
  kind: z.enum(['freight', 'cold_storage', 'duty', 'other']),
  basis: z.enum(['weight', 'quantity', 'value']),
  amount: decimalString({ places: 2, label: 'an amount' }),
  reference: z.string().trim().max(64, 'Keep the reference under 64 characters.'),
});

export type ChargeInput = z.infer<typeof chargeSchema>;
export const CHARGE_FIELDS = Object.keys(chargeSchema.shape);

export function useAllocateCharge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: ChargeInput) =>
      dataOf(await apiClient.POST('/api/v1/landed-charges/', { body: { ...input, receipt: Number(input.receipt) } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['landed-cost'] });
      void queryClient.invalidateQueries({ queryKey: ['back-to-back'] });
      void queryClient.invalidateQueries({ queryKey: ['inventory'] });
    },
  });
}
