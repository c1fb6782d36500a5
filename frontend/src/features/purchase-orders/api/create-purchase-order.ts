import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString } from '@/lib/decimal';

import type { PurchaseOrderDetail } from './get-purchase-order';

type Unit = components['schemas']['UnitEnum'];
type Currency = components['schemas']['CurrencyEnum'];
export type OrderSupplierOption = Pick<components['schemas']['Supplier'], 'id' | 'code' | 'name' | 'currency'>;

export const ORDER_UNITS: readonly Unit[] = ['each', 'case', 'lb', 'kg'];

export const orderLineSchema = z
  .object({
    product: z.string(),
    product_label: z.string(),
    description: z.string().trim().max(300, 'Keep the description under 300 characters.'),
    quantity: decimalString({ places: 3, nonZero: true, label: 'a quantity' }),
    unit: z.enum(ORDER_UNITS as [Unit, ...Unit[]]),
    unit_price: decimalString({ places: 4, label: 'a price' }),
  })
  .refine((line) => line.product !== '' || line.description !== '', { message: 'Choose a product or describe the line.', path: ['description'] });

export const directOrderSchema = z.object({
  supplier: z.string().min(1, 'Choose the supplier.'),
  ship_to: z.string().min(1, 'Choose where the goods go.'),
  currency: z.string().length(3),
  expected_date: z.string(),
  notes: z.string(),
  lines: z.array(orderLineSchema).min(1, 'Add at least one line.'),
});

export type DirectOrderInput = z.infer<typeof directOrderSchema>;
export type OrderLineInput = DirectOrderInput['lines'][number];
export const DIRECT_ORDER_FIELDS = Object.keys(directOrderSchema.shape);
export const EMPTY_ORDER_LINE: OrderLineInput = { product: '', product_label: '', description: '', quantity: '', unit: 'each', unit_price: '' };

/** A draft order typed in directly (no request behind it); the server computes the totals. */
export async function createPurchaseOrder(input: DirectOrderInput): Promise<PurchaseOrderDetail> {
  return dataOf(
    await apiClient.POST('/api/v1/purchase-orders/', {
      body: {
        supplier: Number(input.supplier),
        ship_to: Number(input.ship_to),
        currency: input.currency as Currency,
        expected_date: input.expected_date || null,
        notes: input.notes,
        lines: input.lines.map((line) => ({
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

export function useCreatePurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createPurchaseOrder, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['purchase-orders'] }) });
}

export async function getOrderSuppliers(): Promise<OrderSupplierOption[]> {
  return dataOf(await apiClient.GET('/api/v1/suppliers/', { params: { query: { status: 'active', ordering: 'name', page_size: 200 } } })).results;
}

export function useOrderSuppliers() {
  return useQuery({ queryKey: ['purchase-orders', 'supplier-options'], queryFn: getOrderSuppliers, staleTime: 5 * 60_000 });
}
