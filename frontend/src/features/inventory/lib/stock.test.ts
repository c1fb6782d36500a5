import { describe, expect, it } from 'vitest';

import { compareDecimal, isLow } from './stock';

describe('compareDecimal', () => {
  it('compares decimal strings exactly', () => {
    expect(compareDecimal('10.000', '10')).toBe(0);
    expect(compareDecimal('9.999', '10')).toBe(-1);
    expect(compareDecimal('100', '99.5')).toBe(1);
    expect(compareDecimal('-1.5', '0')).toBe(-1);
    expect(compareDecimal('-2', '-1.5')).toBe(-1);
    expect(compareDecimal('-0.000', '0')).toBe(0);
    expect(compareDecimal('0.1', '0.10')).toBe(0);
  });
});

describe('isLow', () => {
  it('is low at or below the reorder point and never without one', () => {
    expect(isLow({ available: '40.000', reorder_point: '40.000' })).toBe(true);
    expect(isLow({ available: '40.001', reorder_point: '40' })).toBe(false);
    expect(isLow({ available: '0', reorder_point: null })).toBe(false);
  });
});
