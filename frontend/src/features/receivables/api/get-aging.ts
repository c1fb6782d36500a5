import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Aging = components['schemas']['Aging'];
export type AgingRow = Aging['rows'][number];

export async function getAging(asOf: string): Promise<Aging> {
  return dataOf(await apiClient.GET('/api/v1/receivables/aging/', { params: { query: asOf ? { as_of: asOf } : {} } }));
}

export const agingQueryOptions = (asOf: string) => queryOptions({ queryKey: ['receivables', 'aging', asOf], queryFn: () => getAging(asOf) });

export function useAging(asOf: string) {
  return useQuery(agingQueryOptions(asOf));
}
