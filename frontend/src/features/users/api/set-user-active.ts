import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

export function useSetUserActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, active }: { id: number; active: boolean }) => {
      const options = { params: { path: { id } } };
      return dataOf(
        active ? await apiClient.POST('/api/v1/users/{id}/reactivate/', options) : await apiClient.POST('/api/v1/users/{id}/deactivate/', options),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
