import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { Product } from './get-products';

export async function setProductActive({ id, active }: { id: string; active: boolean }): Promise<Product> {
  const options = { params: { path: { id } } };
  return dataOf(
    active
      ? await apiClient.POST('/api/v1/products/{id}/reactivate/', options)
      : await apiClient.POST('/api/v1/products/{id}/deactivate/', options),
  );
}

export function useSetProductActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setProductActive,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['catalog'] }),
  });
}
