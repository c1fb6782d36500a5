import { holds, holdsForAll, holdsWithScope, type Grants, type Requirement } from '@/lib/authorization';

import type { SearchHit } from '../api/search-records';

export interface PaletteAction {
  label: string;
  href: string;
  /** An action of the server's permission matrix the person must hold. */
  requires: Requirement;
  /** Other words people type for it. */
  keywords?: string;
}

const REPORT_READERS = ['spend_report.view', 'sales_report.view', 'payables_report.view', 'stock_level.view'];

/** The common things to start, for the roles that may do them (the server checks again). */
export const ACTIONS: readonly PaletteAction[] = [
  { label: 'New purchase request', href: '/purchase-requests/new', requires: 'purchase_request.create', keywords: 'ask buy need' },
  { label: 'New purchase order', href: '/purchase-orders/new/direct', requires: 'purchase_order.create', keywords: 'po buy supplier' },
  { label: 'Order approved requests', href: '/purchase-orders/new', requires: 'purchase_order.create', keywords: 'po convert' },
  { label: 'Receive goods', href: '/purchase-orders?status=issued', requires: 'goods_receipt.create', keywords: 'receipt delivery' },
  { label: 'Upload a supplier invoice', href: '/supplier-invoices/upload', requires: 'supplier_invoice.create', keywords: 'bill pdf ocr' },
  { label: 'My approvals', href: '/approvals', requires: 'purchase_request.approve', keywords: 'approve pending' },
  { label: 'New sales order', href: '/sales-orders/new', requires: holdsForAll('sales_order.create'), keywords: 'so sell customer' },
  { label: 'Place an order', href: '/portal/orders/new', requires: holdsWithScope('sales_order.create', 'own_customer'), keywords: 'buy order' },
  { label: 'Reports and charts', href: '/reports', requires: (grants) => holds(grants, REPORT_READERS) || holdsForAll('receivables.view')(grants), keywords: 'spend aging sales chart' },
];

export function actionsFor(grants: Grants): PaletteAction[] {
  return ACTIONS.filter((action) => holds(grants, action.requires));
}

/** Case-insensitive: every word typed appears in the label or the keywords. */
export function matches(text: string, query: string): boolean {
  const haystack = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

const KIND_LABELS: Record<SearchHit['kind'], string> = {
  purchase_request: 'Purchase request',
  purchase_order: 'Purchase order',
  supplier_invoice: 'Supplier invoice',
  sales_order: 'Sales order',
  customer_invoice: 'Customer invoice',
  product: 'Product',
  supplier: 'Supplier',
  customer: 'Customer',
};

export function kindLabel(kind: SearchHit['kind']): string {
  return KIND_LABELS[kind];
}

/** Where a found record opens; portal customers have their own pages. */
export function hitHref(hit: Pick<SearchHit, 'kind' | 'id' | 'number'>, portal: boolean): string {
  switch (hit.kind) {
    case 'purchase_request':
      return `/purchase-requests/${hit.id}`;
    case 'purchase_order':
      return `/purchase-orders/${hit.id}`;
    case 'supplier_invoice':
      return `/supplier-invoices/${hit.id}`;
    case 'sales_order':
      return portal ? `/portal/orders/${hit.id}` : `/sales-orders/${hit.id}`;
    case 'customer_invoice':
      return portal ? `/portal/invoices/${hit.id}` : `/receivables/invoices/${hit.id}`;
    case 'product':
      return portal ? `/catalog?search=${encodeURIComponent(hit.number)}` : `/stock/products/${hit.id}`;
    case 'supplier':
      return `/partners/suppliers/${hit.id}`;
    case 'customer':
      return `/partners/customers?search=${encodeURIComponent(hit.number)}`;
  }
}
