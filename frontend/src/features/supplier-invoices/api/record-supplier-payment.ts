import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString } from '@/lib/decimal';

/** How a payment is entered; a debit note settlement is recorded by the server only. */
export type PaymentMethod = components['schemas']['SupplierPaymentWriteMethodEnum'];
export type SupplierPayment = components['schemas']['SupplierPayment'];

export const PAYMENT_METHODS: Record<PaymentMethod, string> = { ach: 'ACH', wire: 'Wire', check: 'Check', card: 'Card', other: 'Other' };
/** Every method a settlement of an invoice can show. */
export const SETTLEMENT_METHODS: Record<components['schemas']['PaymentMethodEnum'], string> = { ...PAYMENT_METHODS, debit_note: 'Debit note', credit_note: 'Credit note' };

export const supplierPaymentSchema = z.object({
  amount: decimalString({ places: 2, nonZero: true, label: 'an amount' }),
  paid_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the payment date.'),
  method: z.enum(Object.keys(PAYMENT_METHODS) as [PaymentMethod, ...PaymentMethod[]]),
  reference: z.string().trim().max(100),
});

export type SupplierPaymentInput = z.infer<typeof supplierPaymentSchema>;
export const PAYMENT_FIELDS = Object.keys(supplierPaymentSchema.shape);

/** Pay an approved invoice in part or in full; the server refuses more than its balance. */
export async function recordSupplierPayment(invoice: number, input: SupplierPaymentInput): Promise<SupplierPayment> {
  return dataOf(await apiClient.POST('/api/v1/supplier-payments/', { body: { invoice, ...input } }));
}

export function useRecordSupplierPayment(invoice: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SupplierPaymentInput) => recordSupplierPayment(invoice, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['supplier-invoices'] }),
  });
}
