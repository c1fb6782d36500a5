import { describe, expect, it } from 'vitest';

import type { Grants } from '@/lib/authorization';

import { navItemsFor } from './navigation';

/** Grants as `/auth/me/` serves them: each action with its object rule. */
function grants(scopes: Record<string, string>): Grants {
  return { permissions: Object.keys(scopes), scopes };
}

const labels = (g: Grants) => navItemsFor(g).map((item) => item.label);

describe('navItemsFor', () => {
  it('opens a section to whoever holds its action, whatever their role is called', () => {
    expect(labels(grants({ 'purchase_request.view': 'own', 'supplier_item.view': 'all' }))).toEqual([
      'Dashboard',
      'Purchase requests',
      'Catalog & stock',
    ]);
  });

  it('tells a portal customer from staff by the object rule of their grants', () => {
    const customer = grants({ 'sales_order.view': 'own_customer', 'sales_order.create': 'own_customer', 'receivables.view': 'own_customer', 'product.view': 'all' });
    expect(labels(customer)).toEqual(['Dashboard', 'Catalog', 'My account']);
    const sales = grants({ 'sales_order.view': 'all', 'sales_order.create': 'all', 'receivables.view': 'all' });
    expect(labels(sales)).toEqual(['Dashboard', 'Sales orders', 'Receivables', 'Reports']);
  });

  it('shows a section named by several actions to the holder of any', () => {
    expect(labels(grants({ 'payables_report.view': 'all' }))).toContain('Exchange rates');
    expect(labels(grants({ 'exchange_rate.view': 'all' }))).not.toContain('Exchange rates');
  });

  it('shows webhooks only to administrators, who hold the administrators-only actions', () => {
    expect(labels(grants({ 'notification_log.view': 'all', 'user.create': 'all' }))).toEqual(['Dashboard', 'Users', 'Webhooks']);
    expect(labels(grants({ 'audit_event.view': 'all' }))).toEqual(['Dashboard', 'Audit']);
  });

  it('shows nothing but the dashboard to someone who holds nothing', () => {
    expect(labels(grants({}))).toEqual(['Dashboard']);
  });
});
