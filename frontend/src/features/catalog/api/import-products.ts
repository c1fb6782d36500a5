import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { API_PREFIX, apiFetch } from '@/lib/api-client';

export type ImportReport = components['schemas']['ImportReport'];
export type ImportRowError = components['schemas']['ImportRowError'];

/**
 * Uploads a product CSV. A dry run only checks and reports; a real run writes every row or,
 * when any row is bad, none (the server answers 400 with the same report shape in `errors`).
 */
export async function importProducts({ file, dryRun }: { file: File; dryRun: boolean }): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file);
  const url = new URL(`${API_PREFIX}/products/import/?dry_run=${dryRun ? 'true' : 'false'}`, window.location.origin);
  const response = await apiFetch(
    new Request(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } }),
  );
  return (await response.json()) as ImportReport;
}

export function useImportProducts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importProducts,
    onSuccess: (report) => {
      if (!report.dry_run) void queryClient.invalidateQueries({ queryKey: ['catalog'] });
    },
  });
}
