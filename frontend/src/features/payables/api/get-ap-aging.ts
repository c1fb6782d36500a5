import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type ApAging = components['schemas']['ApAging'];
export type ApAgingRow = ApAging['rows'][number];

export async function getApAging(asOf: string): Promise<ApAging> {
  return dataOf(await apiClient.GET('/api/v1/reports/ap-aging/', { params: { query: asOf ? { as_of: asOf } : {} } }));
}

export const apAgingQueryOptions = (asOf: string) => queryOptions({ queryKey: ['payables', 'aging', asOf], queryFn: () => getApAging(asOf) });

export function useApAging(asOf: string) {
  return useQuery(apAgingQueryOptions(asOf));
}
