import { describe, expect, it } from 'vitest';

import type { ScannedCase } from '@/lib/case-labels';

import { fefoNote, lineForCase, type PickLot, type ShippingLine } from './ship-scanned';

const LINE: ShippingLine = { id: 7, line_no: 1, product: 'p-1', sku: 'RIBEYE', unit: 'case', quantity_reserved: '2.000' };

function scanned(lot: number, code: string, useBy: string, product = 'p-1'): ScannedCase {
  return {
    gtin: '10614141000019',
    product,
    product_sku: product === 'p-1' ? 'RIBEYE' : 'OTHER',
    product_name: 'Ribeye',
    lot,
    lot_code: code,
    production_date: null,
    pack_date: null,
    use_by: useBy,
    net_weight: '60.250',
    weight_unit: 'lb',
    serial: '',
  };
}

const LOTS: PickLot[] = [
  { id: 1, code: 'A', product: 'p-1', use_by: '2027-01-05', on_hand: '1.000', weight_on_hand: '60.000' },
  { id: 2, code: 'B', product: 'p-1', use_by: '2027-01-20', on_hand: '3.000', weight_on_hand: '180.000' },
];

describe('shipping by scanning', () => {
  it('puts a case on its product line until the reserved cases are all scanned', () => {
    const first = scanned(1, 'A', '2027-01-05');
    expect(lineForCase([LINE], [], first)).toBe(LINE);
    const picked = [
      { line: LINE, scanned: first },
      { line: LINE, scanned: scanned(2, 'B', '2027-01-20') },
    ];
    expect(lineForCase([LINE], picked, scanned(2, 'B', '2027-01-20'))).toBe('All 2 reserved case(s) of RIBEYE are already scanned.');
    expect(lineForCase([LINE], [], scanned(3, 'X', '2027-01-20', 'p-9'))).toBe('OTHER is not on this order.');
  });

  it('notes a case picked ahead of a lot that expires sooner, and stops once that lot is used up', () => {
    expect(fefoNote(LOTS, [], scanned(1, 'A', '2027-01-05'))).toBeUndefined();
    expect(fefoNote(LOTS, [], scanned(2, 'B', '2027-01-20'))).toBe('Lot B is not the first to expire: lot A has a use-by of 2027-01-05.');
    const tookA = [{ line: LINE, scanned: scanned(1, 'A', '2027-01-05') }];
    expect(fefoNote(LOTS, tookA, scanned(2, 'B', '2027-01-20'))).toBeUndefined();
  });
});
