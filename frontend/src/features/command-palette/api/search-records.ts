import { keepPreviousData, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type SearchHit = components['schemas']['SearchHit'];

/** Records whose number, code, SKU or name matches, among what the person may read. */
export async function searchRecords(q: string): Promise<SearchHit[]> {
  return dataOf(await apiClient.GET('/api/v1/search/', { params: { query: { q } } })).results;
}

export function useRecordSearch(q: string) {
  return useQuery({
    queryKey: ['command-palette', 'search', q],
    queryFn: () => searchRecords(q),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
