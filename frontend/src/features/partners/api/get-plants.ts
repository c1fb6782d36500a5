import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Plant = components['schemas']['Plant'];

/** A supplier's plants (or every plant), for pickers. */
export async function getPlants(supplier?: number): Promise<Plant[]> {
  const page = dataOf(await apiClient.GET('/api/v1/plants/', { params: { query: { page_size: 200, is_active: true, ...(supplier ? { supplier } : {}) } } }));
  return page.results;
}

export const plantsQueryOptions = (supplier?: number) =>
  queryOptions({ queryKey: ['partners', 'plants', supplier ?? 'all'], queryFn: () => getPlants(supplier) });

export function usePlants(supplier?: number, enabled = true) {
  return useQuery({ ...plantsQueryOptions(supplier), enabled });
}
