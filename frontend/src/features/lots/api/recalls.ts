import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type RecallRow = components['schemas']['RecallRow'];

export async function getRecallReport(lotIds: readonly number[]) {
  return dataOf(await apiClient.GET('/api/v1/recalls/report/', { params: { query: { lot: [...lotIds] } } }));
}

export function useRecallReport(lotIds: readonly number[]) {
  return useQuery(
    queryOptions({ queryKey: ['recalls', 'report', lotIds], queryFn: () => getRecallReport(lotIds), enabled: lotIds.length > 0 }),
  );
}

/** The CSV or PDF download of the same report (served by the API with the session cookie). */
export function recallExportUrl(lotIds: readonly number[], format: 'csv' | 'pdf'): string {
  const query = new URLSearchParams(lotIds.map((id) => ['lot', String(id)]));
  query.set('export', format);
  return `/api/v1/recalls/report/?${query.toString()}`;
}

export function useSendRecallNotice() {
  return useMutation({
    mutationFn: async (input: { lot: number[]; reason: string }) =>
      dataOf(await apiClient.POST('/api/v1/recalls/notify/', { body: input })),
  });
}
