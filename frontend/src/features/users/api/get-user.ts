import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { UserAdmin } from './get-users';

export async function getUser(id: number): Promise<UserAdmin> {
  return dataOf(await apiClient.GET('/api/v1/users/{id}/', { params: { path: { id } } }));
}

export const userQueryOptions = (id: number) => queryOptions({ queryKey: ['users', 'detail', id], queryFn: () => getUser(id) });

export function useUser(id: number) {
  return useQuery(userQueryOptions(id));
}
