import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Valuation = components['schemas']['Valuation'];

export async function getValuation(location: number | undefined): Promise<Valuation> {
  return dataOf(await apiClient.GET('/api/v1/stock/valuation/', { params: { query: location ? { location } : {} } }));
}

export const valuationQueryOptions = (location: number | undefined) =>
  queryOptions({ queryKey: ['inventory', 'valuation', location ?? 'all'], queryFn: () => getValuation(location) });

export function useValuation(location: number | undefined) {
  return useQuery(valuationQueryOptions(location));
}
