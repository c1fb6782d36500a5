import { useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type PeriodReport = components['schemas']['PeriodReport'];
export type PeriodRow = components['schemas']['PeriodRow'];
export type SpendGrouping = 'month' | 'department' | 'category' | 'supplier';
export type ApAging = components['schemas']['ApAging'];
export type ArAging = components['schemas']['Aging'];
export type Valuation = components['schemas']['Valuation'];

const STALE = 60_000;

export function useSpend(by: SpendGrouping, enabled = true) {
  return useQuery({
    queryKey: ['reports', 'spend', by],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/reports/spend/', { params: { query: { by, months: 12 } } })),
    staleTime: STALE,
    enabled,
  });
}

export function useSalesByCustomer(enabled = true) {
  return useQuery({
    queryKey: ['reports', 'sales-by-customer'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/reports/sales-by-customer/', { params: { query: { months: 12 } } })),
    staleTime: STALE,
    enabled,
  });
}

export function useApAging(enabled = true) {
  return useQuery({ queryKey: ['reports', 'ap-aging'], queryFn: async () => dataOf(await apiClient.GET('/api/v1/reports/ap-aging/')), staleTime: STALE, enabled });
}

export function useArAging(enabled = true) {
  return useQuery({ queryKey: ['reports', 'ar-aging'], queryFn: async () => dataOf(await apiClient.GET('/api/v1/receivables/aging/')), staleTime: STALE, enabled });
}

export function useValuation(enabled = true) {
  return useQuery({ queryKey: ['reports', 'valuation'], queryFn: async () => dataOf(await apiClient.GET('/api/v1/stock/valuation/')), staleTime: STALE, enabled });
}
