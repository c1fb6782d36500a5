import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

export function useMakeContactPrimary() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => dataOf(await apiClient.POST('/api/v1/contacts/{id}/make-primary/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['partners'] }),
  });
}
