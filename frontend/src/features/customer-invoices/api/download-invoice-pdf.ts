import { API_PREFIX, apiFetch } from '@/lib/api-client';

/** The invoice PDF through the API client (session renewed when needed), saved by the browser. */
export async function downloadInvoicePdf(id: number, number: string): Promise<void> {
  const response = await apiFetch(new Request(new URL(`${API_PREFIX}/customer-invoices/${id}/pdf/`, window.location.origin), { credentials: 'same-origin' }));
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${number}.pdf`;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
