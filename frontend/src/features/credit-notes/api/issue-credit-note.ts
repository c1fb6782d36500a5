import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type CreditNote = components['schemas']['CreditNote'];
export type CreditReason = components['schemas']['CreditNoteCreateRequest']['reason'];

export const CREDIT_REASONS: Record<CreditReason, string> = {
  return: 'Goods returned',
  price_correction: 'Price correction',
  damaged: 'Damaged or out of spec',
  short_shipped: 'Short shipped',
  other: 'Other',
};

export interface CreditLineInput {
  invoice_line: number;
  quantity: string;
  unit_price?: string;
}

/** Credit an issued invoice: the lines given, or everything not yet credited. */
export async function issueCreditNote(input: { invoice: number; reason: CreditReason; reason_text: string; lines?: CreditLineInput[] }) {
  return dataOf(await apiClient.POST('/api/v1/credit-notes/', { body: input }));
}

export function useIssueCreditNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: issueCreditNote,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['customer-invoices'] });
      void queryClient.invalidateQueries({ queryKey: ['receivables'] });
    },
  });
}
