import { describe, expect, it } from 'vitest';

import { navItemsFor } from './navigation';

const labels = (roles: string[]) => navItemsFor(roles).map((item) => item.label);

describe('navItemsFor', () => {
  it('shows a requester only what a requester may open', () => {
    expect(labels(['requester'])).toEqual(['Dashboard', 'Purchase requests', 'Catalog & stock']);
  });

  it('shows a customer the catalog and their own account, never stock', () => {
    expect(labels(['customer'])).toEqual(['Dashboard', 'Catalog', 'My account']);
  });

  it('shows users only to admins and audit to admins and auditors', () => {
    expect(labels(['admin'])).toContain('Users');
    expect(labels(['admin'])).toContain('Audit');
    expect(labels(['auditor'])).toContain('Audit');
    expect(labels(['auditor'])).not.toContain('Users');
    expect(labels(['finance'])).not.toContain('Audit');
  });

  it('combines the sections of several roles without duplicates', () => {
    expect(labels(['warehouse', 'sales'])).toEqual([
      'Dashboard',
      'Purchase orders',
      'Requests for quotation',
      'Catalog & stock',
      'Partners',
      'Sales orders',
      'Receivables',
    ]);
  });

  it('gives admins every staff section', () => {
    expect(labels(['admin'])).toEqual([
      'Dashboard',
      'Purchase requests',
      'My approvals',
      'Purchase orders',
      'Requests for quotation',
      'Budgets',
      'Exchange rates',
      'Supplier invoices',
      'Catalog & stock',
      'Partners',
      'Sales orders',
      'Receivables',
      'Users',
      'Audit',
      'Webhooks',
    ]);
  });

  it('ignores roles it does not know', () => {
    expect(labels(['superuser'])).toEqual([]);
  });
});
