import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Balance = components['schemas']['Balance'];

/** A portal customer's own balance (the server scopes it to their account). */
export async function getMyBalance(): Promise<Balance | null> {
  const rows = dataOf(await apiClient.GET('/api/v1/receivables/balances/'));
  return rows[0] ?? null;
}

export const myBalanceQueryOptions = () => queryOptions({ queryKey: ['portal', 'balance'], queryFn: getMyBalance });

export function useMyBalance() {
  return useQuery(myBalanceQueryOptions());
}
