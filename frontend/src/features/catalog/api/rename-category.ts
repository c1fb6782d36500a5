import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { Category } from './create-category';

export async function renameCategory({ id, name }: { id: number; name: string }): Promise<Category> {
  return dataOf(await apiClient.PATCH('/api/v1/categories/{id}/', { params: { path: { id } }, body: { name } }));
}

export function useRenameCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renameCategory,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['catalog'] }),
  });
}
