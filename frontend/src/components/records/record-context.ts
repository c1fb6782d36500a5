import type { components } from '@/api/schema';

export type RecordAction = components['schemas']['RecordAction'];
export type LinkedDocument = components['schemas']['LinkedDocument'];
export type Workflow = components['schemas']['Workflow'];

/**
 * What the page does with one of the record's actions, as the server decided it for the reader:
 * `show` (enabled), `explain` (disabled with the reason: someone else's duty or step) or `hide`
 * (meaningless for them: not their role, or not in the record's state).
 */
export type ActionPresence = { kind: 'show' } | { kind: 'explain'; reason: string } | { kind: 'hide' };

export function presenceOf(actions: readonly RecordAction[] | undefined, action: string): ActionPresence {
  const decision = actions?.find((a) => a.action === action);
  if (!decision) return { kind: 'hide' };
  if (decision.allowed) return { kind: 'show' };
  if (decision.reason === 'separation_of_duties' || decision.reason === 'scope') return { kind: 'explain', reason: decision.detail };
  return { kind: 'hide' };
}

/** The page of a linked document, when the web app has one and the reader may open it. */
export function documentHref(doc: Pick<LinkedDocument, 'kind' | 'id'>, portal = false): string | null {
  switch (doc.kind) {
    case 'purchase_request':
      return `/purchase-requests/${doc.id}`;
    case 'purchase_order':
      return `/purchase-orders/${doc.id}`;
    case 'supplier_invoice':
      return `/supplier-invoices/${doc.id}`;
    case 'sales_order':
      return portal ? `/portal/orders/${doc.id}` : `/sales-orders/${doc.id}`;
    case 'customer_invoice':
      return portal ? `/portal/invoices/${doc.id}` : `/receivables/invoices/${doc.id}`;
    default:
      return null;
  }
}

export const KIND_LABELS: Record<string, string> = {
  purchase_request: 'Purchase request',
  purchase_order: 'Purchase order',
  goods_receipt: 'Goods receipt',
  supplier_invoice: 'Supplier invoice',
  supplier_payment: 'Payment',
  sales_order: 'Sales order',
  shipment: 'Shipment',
  customer_invoice: 'Invoice',
  customer_payment: 'Payment received',
  credit_note: 'Credit note',
};
