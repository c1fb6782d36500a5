import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type DebitNote = components['schemas']['SupplierDebitNote'];

/** The supplier's debit notes in one currency (raised by returns of goods), newest first. */
export function useSupplierDebitNotes(supplier: number | null | undefined, currency: string) {
  return useQuery({
    queryKey: ['supplier-debit-notes', supplier, currency],
    queryFn: async () =>
      dataOf(
        await apiClient.GET('/api/v1/supplier-debit-notes/', {
          params: { query: { supplier: supplier ?? undefined, currency, page_size: 200, ordering: '-created_at' } },
        }),
      ).results,
    enabled: supplier != null,
  });
}

/** Apply what is open on a debit note to an approved invoice; its balance drops. */
export function useApplyDebitNote(invoice: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (note: number) =>
      dataOf(await apiClient.POST('/api/v1/supplier-debit-notes/{id}/apply/', { params: { path: { id: note } }, body: { invoice } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['supplier-debit-notes'] }),
        queryClient.invalidateQueries({ queryKey: ['supplier-invoices'] }),
      ]),
  });
}
