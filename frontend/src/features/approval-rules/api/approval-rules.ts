import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type ApprovalRule = components['schemas']['ApprovalRule'];
export type ApprovalRuleStep = ApprovalRule['steps'][number];

export function useApprovalRules() {
  return useQuery({
    queryKey: ['approval-rules', 'list'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/approval-rules/', { params: { query: { page_size: 200, ordering: 'priority' } } })),
  });
}

/** Switch a rule on or off (administrators); requests already submitted keep their route. */
export function useSetApprovalRuleActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, active }: { id: number; active: boolean }) =>
      dataOf(await apiClient.PATCH('/api/v1/approval-rules/{id}/', { params: { path: { id } }, body: { is_active: active } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['approval-rules', 'list'] }),
  });
}
