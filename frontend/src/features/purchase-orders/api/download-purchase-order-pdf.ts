import { API_PREFIX, apiFetch } from '@/lib/api-client';

/**
 * Fetches the order's PDF through the API client (so an expired session is renewed first) and
 * hands it to the browser as a download named after the order.
 */
export async function downloadPurchaseOrderPdf(id: number, number: string): Promise<void> {
  const response = await apiFetch(new Request(new URL(`${API_PREFIX}/purchase-orders/${id}/pdf/`, window.location.origin), { credentials: 'same-origin' }));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${number}.pdf`;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
