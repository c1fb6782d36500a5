import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Category = components['schemas']['Category'];

export const categoryNameSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(120, 'Keep it under 120 characters.'),
});
export type CategoryNameInput = z.infer<typeof categoryNameSchema>;

export async function createCategory(input: { name: string; parent: number | null }): Promise<Category> {
  return dataOf(await apiClient.POST('/api/v1/categories/', { body: input }));
}

export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCategory,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['catalog', 'categories'] }),
  });
}
