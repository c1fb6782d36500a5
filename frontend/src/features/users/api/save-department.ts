import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { apiClient, dataOf } from '@/lib/api-client';

import type { Department } from './get-departments';

export const departmentInputSchema = z.object({
  code: z.string().trim().min(1, 'Enter a code.').max(16, 'Keep the code under 16 characters.'),
  name: z.string().trim().min(1, 'Enter a name.'),
  head: z.string(),
  is_active: z.boolean(),
});
export type DepartmentInput = z.infer<typeof departmentInputSchema>;
export const DEPARTMENT_FIELDS = Object.keys(departmentInputSchema.shape);

export function departmentToInput(department?: Department): DepartmentInput {
  return {
    code: department?.code ?? '',
    name: department?.name ?? '',
    head: department?.head ? String(department.head.id) : '',
    is_active: department?.is_active ?? true,
  };
}

export function useSaveDepartment(id?: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: DepartmentInput) => {
      const body = { ...input, head: input.head ? Number(input.head) : null };
      return id
        ? dataOf(await apiClient.PATCH('/api/v1/departments/{id}/', { params: { path: { id } }, body }))
        : dataOf(await apiClient.POST('/api/v1/departments/', { body }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
