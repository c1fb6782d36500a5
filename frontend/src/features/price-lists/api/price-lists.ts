import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString } from '@/lib/decimal';

export type PriceList = components['schemas']['PriceList'];
export type CustomerKind = components['schemas']['CustomerKindEnum'];

export const CUSTOMER_KINDS: Record<CustomerKind, string> = {
  retailer: 'Retailers',
  restaurant: 'Restaurants',
  distributor: 'Distributors',
  processor: 'Processors',
  other: 'Other customers',
};

export function usePriceLists(page: number, search: string) {
  return useQuery({
    queryKey: ['price-lists', 'list', page, search],
    queryFn: async () =>
      dataOf(await apiClient.GET('/api/v1/price-lists/', { params: { query: { page, page_size: 20, search: search || undefined } } })),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerOptions() {
  return useQuery({
    queryKey: ['price-lists', 'customers'],
    queryFn: async () =>
      dataOf(await apiClient.GET('/api/v1/customers/', { params: { query: { page_size: 200, ordering: 'name' } } })).results,
    staleTime: 60_000,
  });
}

export function useProductOptions() {
  return useQuery({
    queryKey: ['price-lists', 'products'],
    queryFn: async () =>
      dataOf(await apiClient.GET('/api/v1/products/', { params: { query: { page_size: 200, ordering: 'sku', active: true } } })).results,
    staleTime: 60_000,
  });
}

const itemSchema = z.object({
  product: z.string().min(1, 'Choose a product.'),
  min_quantity: decimalString({ places: 3, label: 'a quantity' }),
  unit_price: decimalString({ places: 4, label: 'a price' }),
});

export const priceListSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the price list.').max(120),
    applies_to: z.enum(['customer', 'group']),
    customer: z.string(),
    customer_kind: z.string(),
    currency: z.string().length(3, 'Choose a currency.'),
    valid_from: z.string().min(1, 'Give the first day the prices apply.'),
    valid_to: z.string(),
    is_active: z.boolean(),
    items: z.array(itemSchema).min(1, 'Add at least one price.'),
  })
  .superRefine((value, ctx) => {
    if (value.applies_to === 'customer' && !value.customer) ctx.addIssue({ code: 'custom', path: ['customer'], message: 'Choose the customer.' });
    if (value.applies_to === 'group' && !value.customer_kind) ctx.addIssue({ code: 'custom', path: ['customer_kind'], message: 'Choose the customer group.' });
    if (value.valid_to && value.valid_to < value.valid_from) ctx.addIssue({ code: 'custom', path: ['valid_to'], message: 'Ends before it starts.' });
  });

export type PriceListInput = z.infer<typeof priceListSchema>;
export const PRICE_LIST_FIELDS = Object.keys(priceListSchema.shape);

type PriceListBody = components['schemas']['PriceListCreateRequest'];

/** What the API receives for the form's values (create, or a change replacing every price). */
export function priceListBody(input: PriceListInput): PriceListBody {
  return {
    name: input.name,
    customer: input.applies_to === 'customer' ? Number(input.customer) : null,
    customer_kind: input.applies_to === 'group' ? (input.customer_kind as CustomerKind) : '',
    currency: input.currency as components['schemas']['CurrencyEnum'],
    valid_from: input.valid_from,
    valid_to: input.valid_to || null,
    is_active: input.is_active,
    items: input.items.map((item) => ({ product: item.product, min_quantity: item.min_quantity, unit_price: item.unit_price })),
  };
}

/** The form's values of a saved list (to edit it). */
export function priceListValues(list: PriceList): PriceListInput {
  return {
    name: list.name,
    applies_to: list.customer ? 'customer' : 'group',
    customer: list.customer ? String(list.customer) : '',
    customer_kind: list.customer_kind ?? '',
    currency: list.currency,
    valid_from: list.valid_from,
    valid_to: list.valid_to ?? '',
    is_active: list.is_active,
    items: list.items.map((item) => ({ product: item.product, min_quantity: item.min_quantity ?? '0', unit_price: item.unit_price })),
  };
}

export function useCreatePriceList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: PriceListInput) => dataOf(await apiClient.POST('/api/v1/price-lists/', { body: priceListBody(input) })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['price-lists'] }),
  });
}

/** Save a change to a list: header and every price and quantity break. */
export function useUpdatePriceList(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: PriceListInput) =>
      dataOf(await apiClient.PATCH('/api/v1/price-lists/{id}/', { params: { path: { id } }, body: priceListBody(input) })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['price-lists'] }),
  });
}

/** The price a customer gets today for a product and quantity, and where it comes from. */
export async function checkPrice(customer: string, product: string, quantity: string) {
  return dataOf(
    await apiClient.GET('/api/v1/price-lists/price/', { params: { query: { customer: Number(customer), product, quantity } } }),
  );
}
