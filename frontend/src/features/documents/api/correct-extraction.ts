import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { DocumentDetail } from './get-document';

/** Field corrections ("" clears a field); the server keeps them over any later reprocessing. */
export async function correctExtraction(id: number, fields: Record<string, string | null>): Promise<DocumentDetail> {
  return dataOf(await apiClient.PATCH('/api/v1/documents/{id}/extraction/', { params: { path: { id } }, body: { fields } }));
}

export function useCorrectExtraction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fields: Record<string, string | null>) => correctExtraction(id, fields),
    onSuccess: (document) => queryClient.setQueryData(['documents', 'detail', id], document),
  });
}
