import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString } from '@/lib/decimal';

import type { CustomerPayment } from './get-customer-payments';

export type PaymentMethod = components['schemas']['PaymentCreateRequest']['method'];
export const PAYMENT_METHODS: Record<PaymentMethod, string> = { ach: 'ACH', wire: 'Wire', check: 'Check', card: 'Card', cash: 'Cash' };

export const customerPaymentSchema = z.object({
  customer: z.string().min(1, 'Choose the customer who paid.'),
  amount: decimalString({ places: 2, nonZero: true, label: 'an amount' }),
  received_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date the money arrived.'),
  method: z.enum(Object.keys(PAYMENT_METHODS) as [PaymentMethod, ...PaymentMethod[]]),
  reference: z.string().trim().max(64),
});

export type CustomerPaymentInput = z.infer<typeof customerPaymentSchema>;
export const CUSTOMER_PAYMENT_FIELDS = Object.keys(customerPaymentSchema.shape);

/**
 * Money received, applied to ``invoice`` when it is given (up to its balance), else to the
 * oldest open invoices first; what is left is credit.
 */
export async function recordCustomerPayment(
  input: CustomerPaymentInput,
  idempotencyKey: string,
  invoice?: { id: number; balance: string },
): Promise<CustomerPayment> {
  // Compared in whole cents (both are two-place decimal strings); the amounts sent are the strings.
  const cents = (value: string) => Math.round(Number(value) * 100);
  const allocations = invoice ? [{ invoice: invoice.id, amount: cents(input.amount) < cents(invoice.balance) ? input.amount : invoice.balance }] : undefined;
  return dataOf(
    await apiClient.POST('/api/v1/customer-payments/', {
      headers: { 'Idempotency-Key': idempotencyKey },
      body: {
        customer: Number(input.customer),
        amount: input.amount,
        received_on: input.received_on,
        method: input.method,
        reference: input.reference,
        notes: '',
        ...(allocations ? { allocations } : {}),
      },
    }),
  );
}

export function useRecordCustomerPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key, invoice }: { input: CustomerPaymentInput; key: string; invoice?: { id: number; balance: string } }) =>
      recordCustomerPayment(input, key, invoice),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['receivables'] });
      void queryClient.invalidateQueries({ queryKey: ['customer-invoices'] });
    },
  });
}

export type CustomerOption = Pick<components['schemas']['Customer'], 'id' | 'code' | 'name'>;

export function useCustomerOptions() {
  return useQuery({
    queryKey: ['receivables', 'customer-options'],
    queryFn: async (): Promise<CustomerOption[]> => dataOf(await apiClient.GET('/api/v1/customers/', { params: { query: { ordering: 'name', page_size: 200 } } })).results,
    staleTime: 5 * 60_000,
  });
}
