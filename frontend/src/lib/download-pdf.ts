import { API_PREFIX, apiFetch } from './api-client';

/**
 * Fetches a document's PDF (`path` below the API prefix, e.g. `/purchase-orders/4/pdf/`)
 * through the API client, so an expired session is renewed first, and hands it to the browser
 * as a download named `<number>.pdf`.
 */
export async function downloadPdf(path: string, number: string): Promise<void> {
  const response = await apiFetch(new Request(new URL(`${API_PREFIX}${path}`, window.location.origin), { credentials: 'same-origin' }));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${number}.pdf`;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
