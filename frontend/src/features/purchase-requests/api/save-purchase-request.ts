import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString, optionalDecimalString } from '@/lib/decimal';

import type { PurchaseRequest } from './get-purchase-request';

type RequestWrite = components['schemas']['PurchaseRequestWriteRequest'];
export type Unit = components['schemas']['UnitEnum'];

export const UNIT_LABELS: Record<Unit, string> = { each: 'each', case: 'case', lb: 'lb', kg: 'kg' };
const UNITS = Object.keys(UNIT_LABELS) as [Unit, ...Unit[]];

export const itemSchema = z
  .object({
    product: z.string(),
    product_label: z.string(),
    description: z.string().trim().max(300, 'Keep the description under 300 characters.'),
    quantity: decimalString({ places: 3, nonZero: true, label: 'a quantity' }),
    unit: z.enum(UNITS),
    estimated_unit_price: optionalDecimalString({ places: 4, label: 'a price' }),
  })
  .refine((item) => item.product !== '' || item.description !== '', {
    message: 'Choose a product or describe the item.',
    path: ['description'],
  });

export const purchaseRequestInputSchema = z.object({
  title: z.string().trim().min(1, 'Give the request a title.').max(200, 'Keep the title under 200 characters.'),
  description: z.string(),
  needed_by: z.string(),
  currency: z.string().length(3),
  suggested_supplier: z.string(),
  items: z.array(itemSchema).min(1, 'Add at least one item.'),
});

export type PurchaseRequestInput = z.infer<typeof purchaseRequestInputSchema>;
export type ItemInput = PurchaseRequestInput['items'][number];
export const REQUEST_FIELDS = Object.keys(purchaseRequestInputSchema.shape);

export const EMPTY_ITEM: ItemInput = {
  product: '',
  product_label: '',
  description: '',
  quantity: '',
  unit: 'each',
  estimated_unit_price: '',
};

export function requestToInput(request?: PurchaseRequest): PurchaseRequestInput {
  return {
    title: request?.title ?? '',
    description: request?.description ?? '',
    needed_by: request?.needed_by ?? '',
    currency: request?.currency ?? 'USD',
    suggested_supplier: request?.suggested_supplier ? String(request.suggested_supplier) : '',
    items: request
      ? request.items.map((item) => ({
          product: item.product ?? '',
          product_label: item.product ? item.description : '',
          description: item.product ? '' : item.description,
          quantity: trimZeros(item.quantity),
          unit: item.unit,
          estimated_unit_price: item.estimated_unit_price ? trimZeros(item.estimated_unit_price) : '',
        }))
      : [{ ...EMPTY_ITEM }],
  };
}

function trimZeros(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

export function inputToWrite(input: PurchaseRequestInput): RequestWrite {
  return {
    title: input.title,
    description: input.description,
    needed_by: input.needed_by || null,
    currency: input.currency as RequestWrite['currency'],
    suggested_supplier: input.suggested_supplier ? Number(input.suggested_supplier) : null,
    items: input.items.map((item) => ({
      product: item.product || null,
      description: item.description,
      quantity: item.quantity,
      unit: item.unit,
      ...(item.estimated_unit_price ? { estimated_unit_price: item.estimated_unit_price } : {}),
    })),
  };
}

export async function savePurchaseRequest(input: PurchaseRequestInput, id?: number, headers: Record<string, string> = {}): Promise<PurchaseRequest> {
  const body = inputToWrite(input);
  return id
    ? dataOf(await apiClient.PATCH('/api/v1/purchase-requests/{id}/', { params: { path: { id } }, body, headers }))
    : dataOf(await apiClient.POST('/api/v1/purchase-requests/', { body }));
}

/** `headers`: on a change, If-Match with the version the form opened with. */
export function useSavePurchaseRequest(id?: number, headers: Record<string, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PurchaseRequestInput) => savePurchaseRequest(input, id, headers),
    onSuccess: (saved) => {
      queryClient.setQueryData(['purchase-requests', 'detail', saved.id], saved);
      return queryClient.invalidateQueries({ queryKey: ['purchase-requests', 'list'] });
    },
  });
}
