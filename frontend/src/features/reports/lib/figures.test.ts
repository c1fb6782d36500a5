import { describe, expect, it } from 'vitest';

import { agingBars, mainCurrency, sumMoney } from './figures';

describe('report figures', () => {
  it('adds money exactly, whatever the floats would say', () => {
    expect(sumMoney(['0.10', '0.20', '1811.96', '-0.06'])).toBe('1812.20');
    expect(sumMoney([])).toBe('0.00');
  });

  it('sums each aging bucket over the rows of one currency', () => {
    const rows = [
      { currency: 'USD', current: '100.00', days_1_30: '50.50', days_31_60: '0', days_61_90: '0', over_90: '10' },
      { currency: 'USD', current: '1.00', days_1_30: '0.50', days_31_60: '0', days_61_90: '0', over_90: '0' },
      { currency: 'EUR', current: '999.00', days_1_30: '0', days_31_60: '0', days_61_90: '0', over_90: '0' },
    ];
    expect(mainCurrency(rows)).toBe('USD');
    expect(agingBars(rows, 'USD').map((bar) => [bar.label, bar.amount])).toEqual([
      ['Not yet due', '101.00'],
      ['1–30 days', '51.00'],
      ['31–60 days', '0.00'],
      ['61–90 days', '0.00'],
      ['Over 90 days', '10.00'],
    ]);
  });
});
