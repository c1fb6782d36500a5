import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Department = components['schemas']['Department'];

/** Departments for the list filter and the request form. */
export async function getDepartments(): Promise<Department[]> {
  const page = dataOf(await apiClient.GET('/api/v1/departments/', { params: { query: { page_size: 200 } } }));
  return page.results;
}

export const departmentsQueryOptions = () =>
  queryOptions({ queryKey: ['purchase-requests', 'departments'], queryFn: getDepartments, staleTime: 5 * 60_000 });

export function useDepartments() {
  return useQuery(departmentsQueryOptions());
}
