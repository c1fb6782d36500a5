import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type DocumentDetail = components['schemas']['DocumentDetail'];

export async function getDocument(id: number): Promise<DocumentDetail> {
  return dataOf(await apiClient.GET('/api/v1/documents/{id}/', { params: { path: { id } } }));
}

export const documentQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['documents', 'detail', id], queryFn: () => getDocument(id) });

export function useDocument(id: number) {
  return useQuery({ ...documentQueryOptions(id), enabled: Number.isInteger(id) && id > 0 });
}
