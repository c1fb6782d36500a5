import { describe, expect, it } from 'vitest';

import { lineTotal, linesTotal } from './line-totals';

describe('lineTotal', () => {
  it('multiplies exactly and rounds half-up to cents', () => {
    expect(lineTotal('300', '3.90')).toBe('1170.00');
    expect(lineTotal('1.005', '1')).toBe('1.01');
    expect(lineTotal('0.333', '0.015')).toBe('0.00');
    expect(lineTotal('2.5', '0.0030')).toBe('0.01');
    // A float would give 0.1 + 0.2 trouble; scaled integers do not.
    expect(lineTotal('0.1', '3')).toBe('0.30');
    expect(lineTotal('1360.3', '347.19')).toBe('472282.56');
  });

  it('is null while a value is incomplete or not a number', () => {
    expect(lineTotal('', '3.90')).toBeNull();
    expect(lineTotal('2', '')).toBeNull();
    expect(lineTotal('2x', '1')).toBeNull();
    expect(lineTotal('-2', '1')).toBeNull();
  });
});

describe('linesTotal', () => {
  it('adds the lines it can compute', () => {
    expect(
      linesTotal([
        { quantity: '300', estimated_unit_price: '3.90' },
        { quantity: '40', estimated_unit_price: '6.10' },
        { quantity: '', estimated_unit_price: '9' },
      ]),
    ).toBe('1414.00');
    expect(linesTotal([])).toBe('0.00');
  });
});
