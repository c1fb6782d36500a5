import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type InvoiceLinePrice = components['schemas']['InvoiceLinePrice'];
export type PriceCorrectionInput = components['schemas']['PriceCorrectionInputRequest'];
export type PriceCorrectionResult = components['schemas']['PriceCorrectionResult'];

/** Each invoice line's price now (after earlier corrections) and the quantity a correction re-prices. */
export async function getInvoicePrices(invoice: number) {
  return dataOf(await apiClient.GET('/api/v1/customer-invoices/{id}/prices/', { params: { path: { id: invoice } } }));
}

export function useInvoicePrices(invoice: number, enabled = true) {
  return useQuery({ queryKey: ['customer-invoices', 'prices', invoice], queryFn: () => getInvoicePrices(invoice), enabled });
}

/** Correct prices of an issued invoice: a credit note for lowered prices, a debit note for raised ones. */
export async function correctInvoicePrices(invoice: number, input: PriceCorrectionInput) {
  return dataOf(await apiClient.POST('/api/v1/customer-invoices/{id}/price-corrections/', { params: { path: { id: invoice } }, body: input }));
}

export function useCorrectInvoicePrices(invoice: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PriceCorrectionInput) => correctInvoicePrices(invoice, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['customer-invoices'] });
      void queryClient.invalidateQueries({ queryKey: ['receivables'] });
    },
  });
}
