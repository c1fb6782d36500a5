import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type PortalUser = components['schemas']['CustomerPortalUser'];

export function usePortalUsers(page: number) {
  return useQuery({
    queryKey: ['portal-users', 'list', page],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/customer-portal-users/', { params: { query: { page } } })),
    placeholderData: keepPreviousData,
  });
}

/** Portal sign-ins (users with the customer role), for linking: administrators only. */
export function usePortalCandidates(enabled: boolean) {
  return useQuery({
    queryKey: ['portal-users', 'candidates'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/users/', { params: { query: { role: 'customer', page_size: 200, is_active: true } } })).results,
    enabled,
  });
}

export function useLinkPortalUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { user: number; customer: number }) => dataOf(await apiClient.POST('/api/v1/customer-portal-users/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal-users'] }),
  });
}
