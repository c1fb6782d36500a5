import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Location = components['schemas']['Location'];

export async function getLocations(): Promise<Location[]> {
  return dataOf(await apiClient.GET('/api/v1/locations/', { params: { query: { page_size: 200 } } })).results;
}

export const locationsQueryOptions = () =>
  queryOptions({ queryKey: ['purchase-orders', 'locations'], queryFn: getLocations, staleTime: 5 * 60_000 });

export function useLocations() {
  return useQuery(locationsQueryOptions());
}
