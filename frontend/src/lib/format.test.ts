import { describe, expect, it } from 'vitest';

import { formatDate, formatMoney, formatPrice, formatQuantity } from './format';

describe('formatMoney', () => {
  it('formats decimal strings in the locale without float rounding', () => {
    expect(formatMoney('1234.50', 'USD', 'en-US')).toBe('$1,234.50');
    expect(formatMoney('1234.5', 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney('90071992547409.99', 'USD', 'en-US')).toBe('$90,071,992,547,409.99');
  });

  it('shows anything that is not a decimal as given', () => {
    expect(formatMoney('n/a', 'USD', 'en-US')).toBe('n/a');
  });
});

describe('formatQuantity', () => {
  it('keeps up to three decimals and the unit', () => {
    expect(formatQuantity('12.500', 'kg', 'en-US')).toBe('12.5 kg');
  });
});

describe('formatDate', () => {
  it('does not shift a calendar date across time zones', () => {
    expect(formatDate('2026-03-01', 'en-US')).toBe('Mar 1, 2026');
  });
});

describe('formatPrice', () => {
  it('keeps the fourth decimal of a unit price and at least the currency decimals', () => {
    expect(formatPrice('4.2550', 'USD', 'en-US')).toBe('$4.255');
    expect(formatPrice('0.0850', 'USD', 'en-US')).toBe('$0.085');
    expect(formatPrice('4.2500', 'USD', 'en-US')).toBe('$4.25');
    expect(formatPrice('1234.5678', 'EUR', 'de-DE')).toBe('1.234,5678\u00a0€');
  });
});
