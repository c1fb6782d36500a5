import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type Contact = components['schemas']['Contact'];
export type ContactQuery = NonNullable<paths['/api/v1/contacts/']['get']['parameters']['query']>;

export async function getContacts(query: ContactQuery) {
  return dataOf(await apiClient.GET('/api/v1/contacts/', { params: { query: compactQuery(query) } }));
}

export const contactsQueryOptions = (query: ContactQuery) =>
  queryOptions({ queryKey: ['partners', 'contacts', compactQuery(query)], queryFn: () => getContacts(query), placeholderData: keepPreviousData });

export function useContacts(query: ContactQuery) {
  return useQuery(contactsQueryOptions(query));
}
