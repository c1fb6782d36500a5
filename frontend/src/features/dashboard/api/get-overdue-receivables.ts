import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';
import { pollWhileVisible } from '@/lib/polling';

export interface OverdueTotal {
  currency: string;
  /** Cents, summed exactly from the decimal strings. */
  cents: bigint;
  customers: number;
}

export function toCents(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  const negative = whole.startsWith('-');
  const cents = BigInt(whole.replace('-', '') + fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -cents : cents;
}

export function centsToString(cents: bigint): string {
  const negative = cents < 0n;
  const text = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Everything past due today, per currency, from the receivables aging. */
export async function getOverdueReceivables(): Promise<OverdueTotal[]> {
  const aging = dataOf(await apiClient.GET('/api/v1/receivables/aging/', { params: { query: {} } }));
  const totals = new Map<string, OverdueTotal>();
  for (const row of aging.rows) {
    const overdue = [row.days_1_30, row.days_31_60, row.days_61_90, row.over_90].reduce((sum, value) => sum + toCents(String(value)), 0n);
    if (overdue <= 0n) continue;
    const total = totals.get(row.currency) ?? { currency: row.currency, cents: 0n, customers: 0 };
    total.cents += overdue;
    total.customers += 1;
    totals.set(row.currency, total);
  }
  return [...totals.values()];
}

export const overdueReceivablesQueryOptions = () =>
  queryOptions({ queryKey: ['dashboard', 'overdue-receivables'], queryFn: getOverdueReceivables, refetchInterval: pollWhileVisible, refetchIntervalInBackground: false, staleTime: 0 });

export function useOverdueReceivables() {
  return useQuery(overdueReceivablesQueryOptions());
}
