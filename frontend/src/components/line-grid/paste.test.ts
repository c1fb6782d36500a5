import { describe, expect, it } from 'vitest';

import { isSpreadsheetPaste, parsePastedLines, pastedNumber } from './paste';

describe('parsePastedLines', () => {
  it('reads product, quantity and price per row and skips a header and blank rows', () => {
    const text = 'SKU\tQty\tPrice\r\nBF-1\t2\t45.50\r\n\r\nPK-2\t1,250\t$1,020.00\nCH-3\t3\n';
    expect(parsePastedLines(text)).toEqual({
      rows: [
        { identifier: 'BF-1', quantity: '2', price: '45.50', row: 2 },
        { identifier: 'PK-2', quantity: '1250', price: '1020.00', row: 4 },
        { identifier: 'CH-3', quantity: '3', price: '', row: 5 },
      ],
      problems: [],
    });
  });

  it('keeps the good rows and says why the others were left out', () => {
    const result = parsePastedLines('BF-1\tten\t4\nPK-2\t0\t1\n\t3\t1\nCH-3\t2\tabc\nOK-1\t1.5\t2');
    expect(result.rows).toEqual([{ identifier: 'OK-1', quantity: '1.5', price: '2', row: 5 }]);
    expect(result.problems).toEqual([
      'Row 1 (BF-1): the quantity "ten" is not a number above zero.',
      'Row 2 (PK-2): the quantity "0" is not a number above zero.',
      'Row 3: no SKU, GTIN or product name.',
      'Row 4 (CH-3): the price "abc" is not a number.',
    ]);
  });

  it('reads the columns where a header row puts them, falling back from SKU to GTIN to name', () => {
    const text = 'Description\tGTIN\tUnit price\tQty\nBrisket\t0012345678905\t4.10\t3\nPork belly\t\t2.00\t12\n\t\t1\t1\n';
    expect(parsePastedLines(text)).toEqual({
      rows: [
        { identifier: '0012345678905', quantity: '3', price: '4.10', row: 2 },
        { identifier: 'Pork belly', quantity: '12', price: '2.00', row: 3 },
      ],
      problems: ['Row 4: no SKU, GTIN or product name.'],
    });
    // A sheet with a SKU column and no price column.
    expect(parsePastedLines('Quantity\tItem code\n5\tbf-1').rows).toEqual([{ identifier: 'bf-1', quantity: '5', price: '', row: 2 }]);
  });

  it('tells a spreadsheet block from a word typed into one cell', () => {
    expect(isSpreadsheetPaste('BF-1\t2')).toBe(true);
    expect(isSpreadsheetPaste('BF-1\nPK-2')).toBe(true);
    expect(isSpreadsheetPaste('brisket')).toBe(false);
    expect(isSpreadsheetPaste('brisket\n')).toBe(false);
  });

  it('reads numbers as spreadsheets copy them, never as floats', () => {
    expect(pastedNumber('1,234,567.891')).toBe('1234567.891');
    expect(pastedNumber('€ 12')).toBe('12');
    expect(pastedNumber('1.2.3')).toBeNull();
    expect(pastedNumber('')).toBe('');
  });
});
