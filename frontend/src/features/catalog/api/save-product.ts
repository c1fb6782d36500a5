import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString, optionalDecimalString } from '@/lib/decimal';

import { UNITS, type Product } from './get-products';

type ProductWrite = components['schemas']['ProductWriteRequest'];

const GTIN_RE = /^(\d{8}|\d{12}|\d{13}|\d{14})$/;

export const productInputSchema = z
  .object({
  sku: z.string().trim().min(1, 'Enter a SKU.').max(40, 'Keep the SKU under 40 characters.'),
  name: z.string().trim().min(1, 'Enter a name.'),
  description: z.string(),
  category: z.string().min(1, 'Choose a category.'),
  unit: z.enum(UNITS as [string, ...string[]], { message: 'Choose a unit.' }),
  list_price: decimalString({ places: 4, label: 'a price' }),
  standard_cost: optionalDecimalString({ places: 4, label: 'a cost' }),
  currency: z.string().length(3, 'Choose a currency.'),
  tax_category: z.string().min(1, 'Choose a tax category.'),
  gtin: z
    .string()
    .trim()
    .refine((value) => value === '' || GTIN_RE.test(value), 'A GTIN has 8, 12, 13 or 14 digits.'),
    lot_tracked: z.boolean(),
    catch_weight: z.boolean(),
    weight_unit: z.enum(['', 'lb', 'kg']),
    nominal_weight: optionalDecimalString({ places: 3, label: 'a weight' }),
    weight_tolerance_percent: decimalString({ places: 2, label: 'a percentage' }),
  })
  .superRefine((value, ctx) => {
    // The server checks the same; saying it here keeps the message next to the field.
    if (!value.catch_weight) return;
    if (value.unit === 'lb' || value.unit === 'kg') {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: 'A catch-weight product is counted in cases or each.' });
    }
    if (value.weight_unit === '') {
      ctx.addIssue({ code: 'custom', path: ['weight_unit'], message: 'Choose lb or kg.' });
    }
    if (value.nominal_weight === '' || Number(value.nominal_weight) <= 0) {
      ctx.addIssue({ code: 'custom', path: ['nominal_weight'], message: 'Enter the nominal weight of one case.' });
    }
  });

export type ProductInput = z.infer<typeof productInputSchema>;

/** Form fields, for placing the API's field errors. */
export const PRODUCT_FIELDS = Object.keys(productInputSchema.shape);

export function productToInput(product?: Product): ProductInput {
  return {
    sku: product?.sku ?? '',
    name: product?.name ?? '',
    description: product?.description ?? '',
    category: product ? String(product.category) : '',
    unit: product?.unit ?? 'lb',
    list_price: product?.list_price ?? '',
    standard_cost: product?.standard_cost ?? '',
    currency: product?.currency ?? 'USD',
    tax_category: product ? String(product.tax_category) : '',
    gtin: product?.gtin ?? '',
    lot_tracked: product?.lot_tracked ?? false,
    catch_weight: product?.catch_weight ?? false,
    weight_unit: product?.weight_unit ?? '',
    nominal_weight: product?.nominal_weight ?? '',
    weight_tolerance_percent: product?.weight_tolerance_percent ?? '10',
  };
}

/** Form values to the API body: ids as numbers, decimals stay strings, empty optionals left out. */
export function inputToProductWrite(input: ProductInput): ProductWrite {
  const body: ProductWrite = {
    sku: input.sku,
    name: input.name,
    description: input.description,
    category: Number(input.category),
    unit: input.unit as ProductWrite['unit'],
    list_price: input.list_price,
    currency: input.currency as ProductWrite['currency'],
    tax_category: Number(input.tax_category),
    gtin: input.gtin,
    // The API's default; a cleared cost means no standard cost.
    standard_cost: input.standard_cost === '' ? '0' : input.standard_cost,
    lot_tracked: input.lot_tracked,
    catch_weight: input.catch_weight,
    weight_unit: input.weight_unit,
    nominal_weight: input.nominal_weight === '' ? null : input.nominal_weight,
    weight_tolerance_percent: input.weight_tolerance_percent,
  };
  return body;
}

export async function createProduct(input: ProductInput): Promise<Product> {
  return dataOf(await apiClient.POST('/api/v1/products/', { body: inputToProductWrite(input) }));
}

export async function updateProduct({ id, input, headers = {} }: { id: string; input: ProductInput; headers?: Record<string, string> }): Promise<Product> {
  return dataOf(
    await apiClient.PATCH('/api/v1/products/{id}/', { params: { path: { id } }, body: inputToProductWrite(input), headers }),
  );
}

/** `headers`: on a change, If-Match with the version the form opened with. */
export function useSaveProduct(id?: string, headers: Record<string, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProductInput) => (id ? updateProduct({ id, input, headers }) : createProduct(input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['catalog'] }),
  });
}
