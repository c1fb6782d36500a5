import { afterEach, describe, expect, it, vi } from 'vitest';

import { installFakeFetch, json } from '@/testing/fake-fetch';

import { centsToString, getOverdueReceivables } from './get-overdue-receivables';

const row = (customer: number, currency: string, buckets: Partial<Record<string, string>>) => ({
  customer,
  customer_code: `C${customer}`,
  customer_name: `Customer ${customer}`,
  currency,
  current: '0.00',
  days_1_30: '0.00',
  days_31_60: '0.00',
  days_61_90: '0.00',
  over_90: '0.00',
  total: '0.00',
  ...buckets,
});

describe('getOverdueReceivables', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('adds what is past due per currency, exactly, and ignores what is not yet due', async () => {
    installFakeFetch({
      'GET /api/v1/receivables/aging/': () =>
        json({
          as_of: '2026-11-25',
          rows: [
            row(1, 'USD', { current: '500.00', days_1_30: '0.10', over_90: '0.20' }),
            row(2, 'USD', { days_31_60: '1000.05' }),
            row(3, 'USD', { current: '99.00' }),
            row(4, 'CAD', { days_61_90: '12.50' }),
          ],
        }),
    });
    const totals = await getOverdueReceivables();
    expect(totals.map((t) => [t.currency, centsToString(t.cents), t.customers])).toEqual([
      ['USD', '1000.35', 2],
      ['CAD', '12.50', 1],
    ]);
  });

  it('formats cents back to a decimal string', () => {
    expect(centsToString(5n)).toBe('0.05');
    expect(centsToString(-12345n)).toBe('-123.45');
  });
});
