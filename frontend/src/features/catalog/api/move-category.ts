import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { Category } from './create-category';

/** Moves a category and its subtree; parent null makes it a top-level category. */
export async function moveCategory({ id, parent }: { id: number; parent: number | null }): Promise<Category> {
  return dataOf(await apiClient.POST('/api/v1/categories/{id}/move/', { params: { path: { id } }, body: { parent } }));
}

export function useMoveCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: moveCategory,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['catalog'] }),
  });
}
