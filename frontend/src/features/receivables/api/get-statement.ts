import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Statement = components['schemas']['Statement'];

export interface StatementQuery {
  /** Staff choose the customer; a portal customer always gets their own. */
  customer?: number | undefined;
  date_from?: string | undefined;
  date_to?: string | undefined;
}

export async function getStatement(query: StatementQuery): Promise<Statement> {
  const params = { query: { customer: query.customer, date_from: query.date_from || undefined, date_to: query.date_to || undefined } };
  return dataOf(await apiClient.GET('/api/v1/receivables/statement/', { params }));
}

export const statementQueryOptions = (query: StatementQuery) =>
  queryOptions({ queryKey: ['receivables', 'statement', query], queryFn: () => getStatement(query) });

export function useStatement(query: StatementQuery, enabled = true) {
  return useQuery({ ...statementQueryOptions(query), enabled });
}
