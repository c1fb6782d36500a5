import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString } from '@/lib/decimal';

import { CUSTOMER_KIND_LABELS, type CustomerDetail, type CustomerKind } from './get-customers';

type CustomerWrite = components['schemas']['CustomerDetailRequest'];

export const customerInputSchema = z.object({
  code: z.string().trim().min(1, 'Enter a code.'),
  name: z.string().trim().min(1, 'Enter a name.'),
  kind: z.enum(Object.keys(CUSTOMER_KIND_LABELS) as [CustomerKind, ...CustomerKind[]]),
  legal_name: z.string().trim(),
  tax_id: z.string().trim(),
  payment_terms_days: z.string().regex(/^\d{1,3}$/, 'Enter whole days, e.g. 30.'),
  credit_limit: decimalString({ places: 2, label: 'an amount' }),
  currency: z.string().length(3, 'Choose a currency.'),
  tax_region: z.string().trim().min(1, "Enter the tax region, e.g. 'US-TX'."),
  on_hold: z.boolean(),
  notes: z.string(),
});

export type CustomerInput = z.infer<typeof customerInputSchema>;
export const CUSTOMER_FIELDS = Object.keys(customerInputSchema.shape);

export function customerToInput(customer?: CustomerDetail): CustomerInput {
  return {
    code: customer?.code ?? '',
    name: customer?.name ?? '',
    kind: customer?.kind ?? 'retailer',
    legal_name: customer?.legal_name ?? '',
    tax_id: customer?.tax_id ?? '',
    payment_terms_days: String(customer?.payment_terms_days ?? 30),
    credit_limit: customer?.credit_limit ?? '0.00',
    currency: customer?.currency ?? 'USD',
    tax_region: customer?.tax_region ?? '',
    on_hold: customer?.on_hold ?? false,
    notes: customer?.notes ?? '',
  };
}

function toWrite(input: CustomerInput): CustomerWrite {
  return { ...input, payment_terms_days: Number(input.payment_terms_days) };
}

/** `headers`: on a change, If-Match with the version the form opened with. */
export function useSaveCustomer(id?: number, headers: Record<string, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CustomerInput) =>
      id
        ? dataOf(await apiClient.PATCH('/api/v1/customers/{id}/', { params: { path: { id } }, body: toWrite(input), headers }))
        : dataOf(await apiClient.POST('/api/v1/customers/', { body: toWrite(input) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['partners'] }),
  });
}
