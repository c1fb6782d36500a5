import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Department = components['schemas']['Department'];

export async function getDepartments(): Promise<Department[]> {
  return dataOf(await apiClient.GET('/api/v1/departments/', { params: { query: { page_size: 200, ordering: 'name' } } })).results;
}

export const departmentsQueryOptions = () => queryOptions({ queryKey: ['users', 'departments'], queryFn: getDepartments });

export function useDepartments() {
  return useQuery(departmentsQueryOptions());
}
