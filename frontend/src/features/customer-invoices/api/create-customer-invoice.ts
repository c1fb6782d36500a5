import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { CustomerInvoice } from './get-customer-invoices';

/** Invoice what was shipped on an order and not yet invoiced; the key makes a retry safe. */
export async function createCustomerInvoice(order: number, idempotencyKey: string): Promise<CustomerInvoice> {
  return dataOf(await apiClient.POST('/api/v1/customer-invoices/', { headers: { 'Idempotency-Key': idempotencyKey }, body: { order } }));
}

export function useCreateCustomerInvoice(order: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: string) => createCustomerInvoice(order, key),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['customer-invoices'] });
      void queryClient.invalidateQueries({ queryKey: ['sales-orders'] });
    },
  });
}
