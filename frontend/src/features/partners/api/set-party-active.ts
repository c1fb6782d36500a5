import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient } from '@/lib/api-client';

/** Partner records are deactivated, never deleted; these are the resources that allow it. */
export type PartyResource = 'suppliers' | 'customers' | 'carriers' | 'plants' | 'supplier-plant-mappings' | 'contacts';

export async function setPartyActive({ resource, id, active }: { resource: PartyResource; id: number; active: boolean }): Promise<void> {
  const options = { params: { path: { id } } };
  switch (`${resource}:${active ? 'on' : 'off'}`) {
    case 'suppliers:on':
      await apiClient.POST('/api/v1/suppliers/{id}/reactivate/', options);
      return;
    case 'suppliers:off':
      await apiClient.POST('/api/v1/suppliers/{id}/deactivate/', options);
      return;
    case 'customers:on':
      await apiClient.POST('/api/v1/customers/{id}/reactivate/', options);
      return;
    case 'customers:off':
      await apiClient.POST('/api/v1/customers/{id}/deactivate/', options);
      return;
    case 'carriers:on':
      await apiClient.POST('/api/v1/carriers/{id}/reactivate/', options);
      return;
    case 'carriers:off':
      await apiClient.POST('/api/v1/carriers/{id}/deactivate/', options);
      return;
    case 'plants:on':
      await apiClient.POST('/api/v1/plants/{id}/reactivate/', options);
      return;
    case 'plants:off':
      await apiClient.POST('/api/v1/plants/{id}/deactivate/', options);
      return;
    case 'supplier-plant-mappings:on':
      await apiClient.POST('/api/v1/supplier-plant-mappings/{id}/reactivate/', options);
      return;
    case 'supplier-plant-mappings:off':
      await apiClient.POST('/api/v1/supplier-plant-mappings/{id}/deactivate/', options);
      return;
    case 'contacts:on':
      await apiClient.POST('/api/v1/contacts/{id}/reactivate/', options);
      return;
    case 'contacts:off':
      await apiClient.POST('/api/v1/contacts/{id}/deactivate/', options);
      return;
  }
}

export function useSetPartyActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setPartyActive,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['partners'] }),
  });
}
