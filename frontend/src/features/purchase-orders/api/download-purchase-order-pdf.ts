import { downloadPdf } from '@/lib/download-pdf';

/** The order's PDF, saved by the browser under the order's number. */
export async function downloadPurchaseOrderPdf(id: number, number: string): Promise<void> {
  return downloadPdf(`/purchase-orders/${id}/pdf/`, number);
}
