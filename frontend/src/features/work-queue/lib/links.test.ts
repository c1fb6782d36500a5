import { describe, expect, it } from 'vitest';

import { ageLabel, itemHref } from './links';

describe('work queue links', () => {
  it('opens each record on its own page, and portal records on the portal', () => {
    expect(itemHref({ kind: 'purchase_request', id: '9' })).toBe('/purchase-requests/9');
    expect(itemHref({ kind: 'sales_order', id: '3' })).toBe('/sales-orders/3');
    expect(itemHref({ kind: 'sales_order', id: '3' }, true)).toBe('/portal/orders/3');
    expect(itemHref({ kind: 'customer_invoice', id: '4' }, true)).toBe('/portal/invoices/4');
  });

  it('says how long an item has waited', () => {
    expect(ageLabel(0)).toBe('today');
    expect(ageLabel(1)).toBe('1 day');
    expect(ageLabel(12, true)).toBe('12 days overdue');
    expect(ageLabel(null)).toBe('');
  });
});
