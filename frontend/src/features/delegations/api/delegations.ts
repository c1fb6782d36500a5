import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Delegation = components['schemas']['Delegation'];
export type DelegationInput = components['schemas']['DelegationWriteRequest'];

export function useDelegations(page: number) {
  return useQuery({
    queryKey: ['delegations', 'list', page],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/delegations/', { params: { query: { page, ordering: '-starts_on' } } })),
    placeholderData: keepPreviousData,
  });
}

/** The colleagues who may take over one's approvals. */
export function useDelegateCandidates(enabled: boolean) {
  return useQuery({
    queryKey: ['delegations', 'candidates'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/delegations/candidates/')),
    enabled,
  });
}

export function useCreateDelegation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: DelegationInput) => dataOf(await apiClient.POST('/api/v1/delegations/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['delegations', 'list'] }),
  });
}

export function useRevokeDelegation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => dataOf(await apiClient.POST('/api/v1/delegations/{id}/revoke/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['delegations', 'list'] }),
  });
}
