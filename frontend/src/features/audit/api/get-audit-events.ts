import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type AuditEvent = components['schemas']['AuditEvent'];
export type AuditEventQuery = NonNullable<paths['/api/v1/audit/events/']['get']['parameters']['query']>;

export async function getAuditEvents(query: AuditEventQuery) {
  return dataOf(await apiClient.GET('/api/v1/audit/events/', { params: { query: compactQuery(query) } }));
}

export const auditEventsQueryOptions = (query: AuditEventQuery) =>
  queryOptions({
    queryKey: ['audit', 'events', compactQuery(query)],
    queryFn: () => getAuditEvents(query),
    placeholderData: keepPreviousData,
  });

export function useAuditEvents(query: AuditEventQuery, enabled = true) {
  return useQuery({ ...auditEventsQueryOptions(query), enabled });
}
