import { downloadPdf } from '@/lib/download-pdf';

/** The invoice PDF, saved by the browser under the invoice's number. */
export async function downloadInvoicePdf(id: number, number: string): Promise<void> {
  return downloadPdf(`/customer-invoices/${id}/pdf/`, number);
}
