import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type SupplierQuotePage = components['schemas']['SupplierQuotePage'];
export type SupplierQuoteWrite = components['schemas']['SupplierQuoteWriteRequest'];

/** The supplier's quotation page behind its signed link: no account, no session. */
export function useSupplierQuote(token: string) {
  return useQuery({
    queryKey: ['rfq-quote', token],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/rfq-quotes/{token}/', { params: { path: { token } } })),
    retry: false,
  });
}

export function useSubmitSupplierQuote(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SupplierQuoteWrite) =>
      dataOf(await apiClient.POST('/api/v1/rfq-quotes/{token}/', { params: { path: { token } }, body })),
    onSuccess: (page) => queryClient.setQueryData(['rfq-quote', token], page),
  });
}
