import { z } from 'zod';

import { API_PREFIX, apiFetch } from '@/lib/api-client';

export const documentAcceptedSchema = z.object({
  id: z.number(),
  task_id: z.string().nullable(),
  status: z.string(),
  duplicate: z.boolean(),
});

export type DocumentAccepted = z.infer<typeof documentAcceptedSchema>;

export const ACCEPTED_TYPES = 'application/pdf,image/png,image/jpeg,image/tiff,image/webp,image/heic,image/heif,.heic,.heif,application/xml,text/xml,.xml,application/pkcs7-mime,.p7m';

/**
 * Uploads a file as multipart/form-data. The server answers 202 with the document and the
 * task that reads it (200 with the earlier document when the same bytes came before).
 */
export async function uploadDocument(file: File): Promise<DocumentAccepted> {
  const body = new FormData();
  body.append('file', file);
  const response = await apiFetch(
    new Request(new URL(`${API_PREFIX}/documents/`, window.location.origin), { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } }),
  );
  return documentAcceptedSchema.parse(await response.json());
}
