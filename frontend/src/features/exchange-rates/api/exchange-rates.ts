import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { API_PREFIX, apiClient, apiFetch, dataOf } from '@/lib/api-client';

export type ExchangeRate = components['schemas']['ExchangeRate'];
export type RateImport = components['schemas']['RateImport'];

export function useExchangeRates(currency: string) {
  return useQuery({
    queryKey: ['exchange-rates', 'list', currency],
    queryFn: async () =>
      dataOf(
        await apiClient.GET('/api/v1/exchange-rates/', {
          params: { query: { page_size: 100, ...(currency ? { currency } : {}) } },
        }),
      ),
  });
}

export function useCompanyCurrency() {
  return useQuery({
    queryKey: ['exchange-rates', 'company-currency'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/exchange-rates/company-currency/')),
    staleTime: Infinity,
  });
}

export async function importRates(file: File): Promise<RateImport> {
  const form = new FormData();
  form.append('file', file);
  const url = new URL(`${API_PREFIX}/exchange-rates/import/`, window.location.origin);
  const response = await apiFetch(
    new Request(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } }),
  );
  const body = (await response.json()) as RateImport & { detail?: string };
  if (!response.ok) throw new Error(body.detail ?? 'The file could not be imported.');
  return body;
}

export function useImportRates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importRates,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exchange-rates'] }),
  });
}
