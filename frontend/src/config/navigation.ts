import { holds, holdsForAll, holdsWithScope, type Grants, type Requirement } from '@/lib/authorization';

export type NavIcon =
  | 'home'
  | 'request'
  | 'order'
  | 'invoice'
  | 'box'
  | 'partners'
  | 'sales'
  | 'users'
  | 'audit';

export interface NavItem {
  key: string;
  label: string;
  path: string;
  icon: NavIcon;
  /**
   * What opens the section, in actions of the server's permission matrix (`/auth/me/`): the
   * entry shows and the route opens only for people who hold it. The server enforces the same.
   */
  requires: Requirement;
}

const always = () => true;
/** Webhooks sit outside the matrix, for administrators only: those who hold every action. */
const administrators = (grants: Grants) => holds(grants, 'notification_log.view');

/** Route -> what opens it. The single place that decides which sections a person can open. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', label: 'Dashboard', path: '/', icon: 'home', requires: always },
  { key: 'purchase-requests', label: 'Purchase requests', path: '/purchase-requests', icon: 'request', requires: 'purchase_request.view' },
  // Approvers' section: their queue, their delegations while away, and the approval rules.
  { key: 'approvals', label: 'My approvals', path: '/approvals', icon: 'audit', requires: 'purchase_request.approve' },
  { key: 'purchase-orders', label: 'Purchase orders', path: '/purchase-orders', icon: 'order', requires: 'purchase_order.view' },
  { key: 'rfqs', label: 'Requests for quotation', path: '/rfqs', icon: 'order', requires: 'rfq.view' },
  // Budgets against spend: the people who read the spend reports.
  { key: 'budgets', label: 'Budgets', path: '/budgets', icon: 'audit', requires: 'spend_report.view' },
  // Rates matter to whoever prices or pays documents in another currency.
  { key: 'exchange-rates', label: 'Exchange rates', path: '/exchange-rates', icon: 'invoice', requires: ['exchange_rate.create', 'purchase_order.create', 'payables_report.view'] },
  { key: 'supplier-invoices', label: 'Supplier invoices', path: '/supplier-invoices', icon: 'invoice', requires: 'supplier_invoice.view' },
  // The staff catalog carries supplier items and costs; portal customers get their own.
  { key: 'stock', label: 'Catalog & stock', path: '/stock', icon: 'box', requires: 'supplier_item.view' },
  { key: 'catalog', label: 'Catalog', path: '/catalog', icon: 'box', requires: holdsWithScope('sales_order.create', 'own_customer') },
  // Partners: the roles that manage suppliers and customers (and auditors, who check them).
  { key: 'partners', label: 'Partners', path: '/partners', icon: 'partners', requires: 'customer.export' },
  { key: 'sales-orders', label: 'Sales orders', path: '/sales-orders', icon: 'sales', requires: holdsForAll('sales_order.view') },
  { key: 'receivables', label: 'Receivables', path: '/receivables', icon: 'invoice', requires: holdsForAll('receivables.view') },
  { key: 'portal', label: 'My account', path: '/portal', icon: 'invoice', requires: holdsWithScope('receivables.view', 'own_customer') },
  { key: 'users', label: 'Users', path: '/users', icon: 'users', requires: 'user.create' },
  // Charts over the last twelve months, for whoever reads one of the reports behind them.
  { key: 'reports', label: 'Reports', path: '/reports', icon: 'audit', requires: (grants) => holds(grants, ['spend_report.view', 'sales_report.view', 'payables_report.view']) || holdsForAll('receivables.view')(grants) },
  { key: 'audit', label: 'Audit', path: '/audit', icon: 'audit', requires: 'audit_event.view' },
  { key: 'webhooks', label: 'Webhooks', path: '/webhooks', icon: 'audit', requires: administrators },
  { key: 'invoice-mail', label: 'Invoices by e-mail', path: '/invoice-mail', icon: 'invoice', requires: 'inbound_message.view' },
];

export function navItemsFor(grants: Grants): NavItem[] {
  return NAV_ITEMS.filter((item) => holds(grants, item.requires));
}
