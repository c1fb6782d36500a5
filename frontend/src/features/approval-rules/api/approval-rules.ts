import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

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

/** One rule as it stands (with its ETag, which an edit sends back as If-Match). */
export const approvalRuleQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['approval-rules', 'detail', id],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/approval-rules/{id}/', { params: { path: { id } } })),
  });

/** Switch a rule on or off (administrators); requests already submitted keep their route. */
export function useSetApprovalRuleActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, active }: { id: number; active: boolean }) =>
      dataOf(await apiClient.PATCH('/api/v1/approval-rules/{id}/', { params: { path: { id } }, body: { is_active: active } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['approval-rules', 'list'] }),
  });
}

export type ApprovalRuleInput = components['schemas']['ApprovalRuleRequest'];
export type ApprovalRuleStepInput = components['schemas']['ApprovalRuleStepRequest'];
type CategoryNode = components['schemas']['CategoryTreeNode'];

/** Create a rule, or (with an id) replace its fields and every step; administrators only.
 * `headers`: on a change, If-Match with the version the form opened with. */
export function useSaveApprovalRule(headers: Record<string, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: number | null; body: ApprovalRuleInput }) =>
      id === null
        ? dataOf(await apiClient.POST('/api/v1/approval-rules/', { body }))
        : dataOf(await apiClient.PATCH('/api/v1/approval-rules/{id}/', { params: { path: { id } }, body, headers })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['approval-rules'] }),
  });
}

/** What a rule may be limited to, and who a named-user step may name. */
export function useRuleScopes(enabled: boolean) {
  const departments = useQuery({
    queryKey: ['approval-rules', 'departments'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/departments/', { params: { query: { page_size: 200, ordering: 'name' } } })).results,
    enabled,
    staleTime: 60_000,
  });
  const categories = useQuery({
    queryKey: ['approval-rules', 'categories'],
    queryFn: async () => flattenCategories(dataOf(await apiClient.GET('/api/v1/categories/tree/'))),
    enabled,
    staleTime: 60_000,
  });
  const approvers = useQuery({
    queryKey: ['approval-rules', 'approvers'],
    // The colleagues who may approve purchase requests (the same list delegations offer).
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/delegations/candidates/')),
    enabled,
    staleTime: 60_000,
  });
  return { departments, categories, approvers };
}

/** The category tree as one list in tree order, each with its full path ("Beef > Loins"). */
export function flattenCategories(nodes: readonly CategoryNode[], prefix = ''): Array<{ id: number; label: string }> {
  return nodes.flatMap((node) => {
    const label = prefix ? `${prefix} > ${node.name}` : node.name;
    return [{ id: node.id, label }, ...flattenCategories(node.children, label)];
  });
}
