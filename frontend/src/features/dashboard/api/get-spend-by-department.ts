import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { pollWhileVisible } from '@/lib/polling';

export type SpendByDepartment = components['schemas']['SpendByDepartment'];
export type DepartmentSpendRow = components['schemas']['DepartmentSpendRow'];

/** Committed spend (issued purchase orders) per requesting department for the current month. */
export async function getSpendByDepartment(): Promise<SpendByDepartment> {
  return dataOf(await apiClient.GET('/api/v1/reports/spend-by-department/', { params: { query: {} } }));
}

export const spendByDepartmentQueryOptions = () =>
  queryOptions({
    queryKey: ['dashboard', 'spend-by-department'],
    queryFn: getSpendByDepartment,
    refetchInterval: pollWhileVisible,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });

export function useSpendByDepartment() {
  return useQuery(spendByDepartmentQueryOptions());
}
