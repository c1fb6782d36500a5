import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Budget = components['schemas']['Budget'];
export type BudgetWrite = components['schemas']['BudgetRequest'];

export function useBudgets() {
  return useQuery({
    queryKey: ['budgets', 'list'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/budgets/', { params: { query: { page_size: 100 } } })),
  });
}

/** Today's active budgets with their figures, fullest first (report and dashboard card). */
export function useBudgetReport() {
  return useQuery({
    queryKey: ['budgets', 'report'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/reports/budgets/')),
  });
}

export function useCreateBudget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: BudgetWrite) => dataOf(await apiClient.POST('/api/v1/budgets/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['budgets'] }),
  });
}
