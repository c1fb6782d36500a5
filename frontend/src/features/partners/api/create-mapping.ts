import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { apiClient, dataOf } from '@/lib/api-client';

export const mappingInputSchema = z.object({
  supplier: z.string().min(1, 'Choose a supplier.'),
  plant: z.string().min(1, 'Choose a plant.'),
  notes: z.string(),
});
export type MappingInput = z.infer<typeof mappingInputSchema>;
export const MAPPING_FIELDS = Object.keys(mappingInputSchema.shape);

export function useCreateMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: MappingInput) =>
      dataOf(
        await apiClient.POST('/api/v1/supplier-plant-mappings/', {
          body: { supplier: Number(input.supplier), plant: Number(input.plant), notes: input.notes, approved_customers: [], products: [] },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['partners'] }),
  });
}
