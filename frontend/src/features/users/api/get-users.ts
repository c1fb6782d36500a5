import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type UserAdmin = components['schemas']['UserAdmin'];
export type UserQuery = NonNullable<paths['/api/v1/users/']['get']['parameters']['query']>;

export async function getUsers(query: UserQuery) {
  return dataOf(await apiClient.GET('/api/v1/users/', { params: { query: compactQuery(query) } }));
}

export const usersQueryOptions = (query: UserQuery) =>
  queryOptions({ queryKey: ['users', 'list', compactQuery(query)], queryFn: () => getUsers(query), placeholderData: keepPreviousData });

export function useUsers(query: UserQuery) {
  return useQuery(usersQueryOptions(query));
}
