import { describe, expect, it } from 'vitest';

import { groupCases, type ScannedCase } from './read-case-label';

function scanned(lot: string, weight: string | null, product = 'p-1'): ScannedCase {
  return {
    gtin: '10614141000019',
    product,
    product_sku: product === 'p-1' ? 'RIBEYE' : 'OTHER',
    product_name: 'Ribeye',
    lot: null,
    lot_code: lot,
    production_date: null,
    pack_date: '2026-12-01',
    use_by: '2026-12-31',
    net_weight: weight,
    weight_unit: weight ? 'lb' : '',
    serial: '',
  };
}

describe('groupCases', () => {
  const lines = [{ id: 7, line_no: 1, product: 'p-1', description: 'Ribeye' }];

  it('counts cases and adds weights exactly per lot', () => {
    const result = groupCases([scanned('A', '61.2'), scanned('A', '59.8'), scanned('B', '60.05')], lines);
    expect(result.lines).toEqual([
      expect.objectContaining({ order_line: 7, lot_code: 'A', quantity_received: '2', net_weight: '121.000' }),
      expect.objectContaining({ order_line: 7, lot_code: 'B', quantity_received: '1', net_weight: '60.050' }),
    ]);
    expect(result.unmatched).toEqual([]);
  });

  it('keeps cases of products not on the order apart', () => {
    const result = groupCases([scanned('A', '61.2', 'p-2')], lines);
    expect(result.lines).toEqual([]);
    expect(result.unmatched).toHaveLength(1);
  });
});
