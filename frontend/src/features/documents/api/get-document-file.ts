import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiFetch } from '@/lib/api-client';

/**
 * The document's bytes as a Blob, fetched through the API client. The download endpoint answers
 * as an attachment in a sandbox, so the preview shows a local blob: URL instead of framing it.
 */
export async function getDocumentFile(downloadUrl: string): Promise<Blob> {
  const response = await apiFetch(new Request(new URL(downloadUrl, window.location.origin), { credentials: 'same-origin' }));
  return response.blob();
}

export const documentFileQueryOptions = (downloadUrl: string) =>
  queryOptions({ queryKey: ['documents', 'file', downloadUrl], queryFn: () => getDocumentFile(downloadUrl), staleTime: Infinity, gcTime: 60_000 });

export function useDocumentFile(downloadUrl: string) {
  return useQuery(documentFileQueryOptions(downloadUrl));
}
