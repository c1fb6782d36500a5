import { hasAnyRole } from '@/lib/authorization';

import { ROLES, STAFF_ROLES, type Role } from './roles';

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
  /** Who sees the entry and may open the page. The server enforces the same rules. */
  roles: readonly Role[];
}

/** Route -> roles. The single place that decides which sections a role can open. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'dashboard', label: 'Dashboard', path: '/', icon: 'home', roles: ROLES },
  {
    key: 'purchase-requests',
    label: 'Purchase requests',
    path: '/purchase-requests',
    icon: 'request',
    roles: ['requester', 'approver', 'procurement', 'finance', 'auditor', 'admin'],
  },
  {
    key: 'approvals',
    label: 'My approvals',
    path: '/approvals',
    icon: 'audit',
    roles: ['approver', 'finance', 'admin'],
  },
  {
    key: 'purchase-orders',
    label: 'Purchase orders',
    path: '/purchase-orders',
    icon: 'order',
    roles: ['procurement', 'warehouse', 'finance', 'auditor', 'admin'],
  },
  {
    key: 'rfqs',
    label: 'Requests for quotation',
    path: '/rfqs',
    icon: 'order',
    roles: ['procurement', 'warehouse', 'finance', 'auditor', 'admin'],
  },
  {
    key: 'budgets',
    label: 'Budgets',
    path: '/budgets',
    icon: 'audit',
    roles: ['procurement', 'approver', 'finance', 'auditor', 'admin'],
  },
  {
    key: 'exchange-rates',
    label: 'Exchange rates',
    path: '/exchange-rates',
    icon: 'invoice',
    roles: ['procurement', 'finance', 'auditor', 'admin'],
  },
  {
    key: 'supplier-invoices',
    label: 'Supplier invoices',
    path: '/supplier-invoices',
    icon: 'invoice',
    roles: ['finance', 'procurement', 'auditor', 'admin'],
  },
  { key: 'stock', label: 'Catalog & stock', path: '/stock', icon: 'box', roles: STAFF_ROLES },
  { key: 'catalog', label: 'Catalog', path: '/catalog', icon: 'box', roles: ['customer'] },
  {
    key: 'partners',
    label: 'Partners',
    path: '/partners',
    icon: 'partners',
    roles: ['procurement', 'sales', 'finance', 'auditor', 'admin'],
  },
  {
    key: 'sales-orders',
    label: 'Sales orders',
    path: '/sales-orders',
    icon: 'sales',
    roles: ['sales', 'finance', 'warehouse', 'admin', 'auditor'],
  },
  {
    key: 'receivables',
    label: 'Receivables',
    path: '/receivables',
    icon: 'invoice',
    roles: ['finance', 'sales', 'auditor', 'admin'],
  },
  { key: 'portal', label: 'My account', path: '/portal', icon: 'invoice', roles: ['customer'] },
  { key: 'users', label: 'Users', path: '/users', icon: 'users', roles: ['admin'] },
  { key: 'audit', label: 'Audit', path: '/audit', icon: 'audit', roles: ['admin', 'auditor'] },
  { key: 'webhooks', label: 'Webhooks', path: '/webhooks', icon: 'audit', roles: ['admin'] },
];

export function navItemsFor(userRoles: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => hasAnyRole(userRoles, item.roles));
}
