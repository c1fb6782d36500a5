import type { QueueItem } from '../api/get-work-queue';

/** Where an item of the queue opens. Portal customers have their own pages for orders and invoices. */
export function itemHref(item: Pick<QueueItem, 'kind' | 'id'>, portal = false): string {
  switch (item.kind) {
    case 'purchase_request':
      return `/purchase-requests/${item.id}`;
    case 'purchase_order':
      return `/purchase-orders/${item.id}`;
    case 'supplier_invoice':
      return `/supplier-invoices/${item.id}`;
    case 'sales_order':
      return portal ? `/portal/orders/${item.id}` : `/sales-orders/${item.id}`;
    case 'customer_invoice':
      return portal ? `/portal/invoices/${item.id}` : `/receivables/invoices/${item.id}`;
    case 'low_stock':
      return '/stock/low';
  }
}

/** The full list behind a section of the queue. */
export const SECTION_LINKS: Record<string, { href: string; label: string }> = {
  approvals: { href: '/approvals', label: 'All my approvals' },
  my_requests: { href: '/purchase-requests', label: 'All requests' },
  requests_to_order: { href: '/purchase-orders/new', label: 'Order approved requests' },
  orders_to_receive: { href: '/purchase-orders?status=issued', label: 'All open orders' },
  invoices_to_review: { href: '/supplier-invoices?status=exception', label: 'All supplier invoices' },
  invoices_to_approve: { href: '/supplier-invoices?status=matched', label: 'All matched invoices' },
  invoices_to_pay: { href: '/supplier-invoices?status=approved', label: 'All invoices to pay' },
  orders_to_confirm: { href: '/sales-orders?status=draft', label: 'All draft orders' },
  orders_to_ship: { href: '/sales-orders?status=confirmed', label: 'All orders to ship' },
  orders_to_invoice: { href: '/sales-orders?status=delivered', label: 'All orders to invoice' },
  overdue_receivables: { href: '/receivables/aging', label: 'Receivables aging' },
  low_stock: { href: '/stock/low', label: 'All low stock' },
  portal_orders: { href: '/portal', label: 'My account' },
};

/** "today", "1 day", "12 days": how long an item has waited (or how overdue it is). */
export function ageLabel(days: number | null | undefined, overdue = false): string {
  if (days === null || days === undefined) return '';
  if (days === 0) return overdue ? 'due today' : 'today';
  const text = days === 1 ? '1 day' : `${days} days`;
  return overdue ? `${text} overdue` : text;
}
