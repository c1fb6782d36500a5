import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

import type { SupplierDetail } from './get-supplier';

type SupplierWrite = components['schemas']['SupplierDetailRequest'];
export type AddressKind = components['schemas']['AddressKindEnum'];

export const ADDRESS_KIND_LABELS: Record<AddressKind, string> = {
  billing: 'Billing',
  shipping: 'Shipping',
  remit_to: 'Remit to',
  office: 'Office',
};

export const addressSchema = z.object({
  kind: z.enum(Object.keys(ADDRESS_KIND_LABELS) as [AddressKind, ...AddressKind[]]),
  label: z.string(),
  line1: z.string(),
  line2: z.string(),
  city: z.string(),
  region: z.string(),
  postal_code: z.string(),
  country: z
    .string()
    .trim()
    .refine((value) => value === '' || /^[A-Za-z]{2}$/.test(value), 'Use the two-letter country code, e.g. US.'),
});

export const supplierInputSchema = z.object({
  code: z.string().trim().min(1, 'Enter a code.').max(20, 'Keep the code under 20 characters.'),
  name: z.string().trim().min(1, 'Enter a name.'),
  legal_name: z.string().trim(),
  tax_id: z.string().trim(),
  payment_terms_days: z.string().regex(/^\d{1,3}$/, 'Enter whole days, e.g. 30.'),
  currency: z.string().length(3, 'Choose a currency.'),
  on_hold: z.boolean(),
  notes: z.string(),
  addresses: z.array(addressSchema),
});

export type SupplierInput = z.infer<typeof supplierInputSchema>;
export const SUPPLIER_FIELDS = Object.keys(supplierInputSchema.shape);

export const EMPTY_ADDRESS: SupplierInput['addresses'][number] = {
  kind: 'billing',
  label: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postal_code: '',
  country: 'US',
};

export function supplierToInput(supplier?: SupplierDetail): SupplierInput {
  return {
    code: supplier?.code ?? '',
    name: supplier?.name ?? '',
    legal_name: supplier?.legal_name ?? '',
    tax_id: supplier?.tax_id ?? '',
    payment_terms_days: String(supplier?.payment_terms_days ?? 30),
    currency: supplier?.currency ?? 'USD',
    on_hold: supplier?.on_hold ?? false,
    notes: supplier?.notes ?? '',
    addresses: (supplier?.addresses ?? []).map((address) => ({ ...EMPTY_ADDRESS, ...address })),
  };
}

export function inputToSupplierWrite(input: SupplierInput): SupplierWrite {
  return {
    ...input,
    payment_terms_days: Number(input.payment_terms_days),
    addresses: input.addresses.map((address) => ({ ...address, country: address.country.toUpperCase() })),
  };
}

/** `headers`: on a change, If-Match with the version the form opened with. */
export function useSaveSupplier(id?: number, headers: Record<string, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SupplierInput): Promise<SupplierDetail> =>
      id
        ? dataOf(await apiClient.PATCH('/api/v1/suppliers/{id}/', { params: { path: { id } }, body: inputToSupplierWrite(input), headers }))
        : dataOf(await apiClient.POST('/api/v1/suppliers/', { body: inputToSupplierWrite(input) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['partners'] }),
  });
}
