import { apiClient, dataOf } from '@/lib/api-client';

import type { DocumentDetail } from './get-document';

export type AttachableType = 'procurement.supplierinvoice' | 'procurement.purchaseorder' | 'sales.salesorder';

/** Links the document to the record it belongs to (who may see one may then see the other). */
export async function attachDocument(id: number, objectType: AttachableType, objectId: number): Promise<DocumentDetail> {
  return dataOf(await apiClient.POST('/api/v1/documents/{id}/attachments/', { params: { path: { id } }, body: { object_type: objectType, object_id: objectId } }));
}
