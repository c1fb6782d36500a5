import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type ReadingHints = components['schemas']['ReadingHints'];
export type ReadingHintField = ReadingHints['hints'][number];
export type ReadingHintLesson = ReadingHintField['lessons'][number];
/** The fields the reader learns. */
export type LearnedField = paths['/api/v1/suppliers/{id}/reading-hints/{field}/']['delete']['parameters']['path']['field'];

const hintsKey = (supplierId: number) => ['partners', 'suppliers', 'reading-hints', supplierId] as const;

export async function getReadingHints(supplierId: number): Promise<ReadingHints> {
  return dataOf(await apiClient.GET('/api/v1/suppliers/{id}/reading-hints/', { params: { path: { id: supplierId } } }));
}

export const readingHintsQueryOptions = (supplierId: number) => queryOptions({ queryKey: hintsKey(supplierId), queryFn: () => getReadingHints(supplierId) });

/** What the invoice reader learned about this supplier's invoices. */
export function useReadingHints(supplierId: number) {
  return useQuery(readingHintsQueryOptions(supplierId));
}

/** Forget one field's lessons (`field`) or all of them (`field` null). */
export function useResetReadingHints(supplierId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (field: LearnedField | null) => {
      if (field === null) {
        await apiClient.DELETE('/api/v1/suppliers/{id}/reading-hints/', { params: { path: { id: supplierId } } });
      } else {
        await apiClient.DELETE('/api/v1/suppliers/{id}/reading-hints/{field}/', { params: { path: { id: supplierId, field } } });
      }
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: hintsKey(supplierId) });
      // The supplier's history records the reset.
      await queryClient.invalidateQueries({ queryKey: ['history', 'suppliers', String(supplierId)] });
    },
  });
}
