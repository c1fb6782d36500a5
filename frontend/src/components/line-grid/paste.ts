/*
 * Rows pasted from a spreadsheet: tab-separated cells, one row a line. Without a header the
 * columns are product (SKU, GTIN or name), quantity, unit price (the price may be left out).
 * A header row ("GTIN  Description  Qty  Price") says where each column is instead; blank rows
 * are skipped; numbers written with thousands separators ("1,250.50") or a currency sign are
 * read as plain decimals, because that is how spreadsheets copy them.
 */

export interface PastedRow {
  /** What names the product: a SKU, a GTIN or a product name, resolved by the server. */
  identifier: string;
  quantity: string;
  price: string;
  /** 1-based row number in the pasted text, for messages. */
  row: number;
}

export interface PasteResult {
  rows: PastedRow[];
  /** Rows that could not be read, with why; the rest are still used. */
  problems: string[];
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** "1,250.50" -> "1250.50", "$ 12" -> "12"; "" stays ""; null when not a number at all. */
export function pastedNumber(cell: string): string | null {
  const text = cell.replace(/[\s$€£]/g, '').replace(/,(?=\d{3}(\D|$))/g, '');
  if (text === '') return '';
  return DECIMAL.test(text) ? text : null;
}

/** True when text looks like cells from a spreadsheet rather than a word typed in one cell. */
export function isSpreadsheetPaste(text: string): boolean {
  return text.includes('\t') || /\r?\n./.test(text.trim());
}

/** Header words, most specific identifier first: a sheet with both a SKU and a name column
 * is read by SKU, and by name only in rows whose SKU cell is blank. */
const IDENTIFIER_HEADERS = [/\b(sku|item\s*(no|number|code|#)|article|code)\b/i, /\b(gtin|ean|upc|barcode|bar\s*code)\b/i, /\b(product|item|name|description)\b/i];
const QUANTITY_HEADER = /\b(qty|quantity|quantities|amount ordered|cases|units)\b/i;
const PRICE_HEADER = /\b(price|cost|rate)\b/i;

interface Layout {
  identifiers: number[];
  quantity: number;
  price: number | null;
}

const POSITIONAL: Layout = { identifiers: [0], quantity: 1, price: 2 };

/** Where the columns are, when the first row is a header; null when it is not one. */
function headerLayout(cells: string[]): Layout | null {
  if (cells.some((cell) => pastedNumber(cell) !== null && cell !== '')) return null;
  const quantity = cells.findIndex((cell) => QUANTITY_HEADER.test(cell));
  const price = cells.findIndex((cell, index) => index !== quantity && PRICE_HEADER.test(cell));
  const identifiers: number[] = [];
  for (const pattern of IDENTIFIER_HEADERS) {
    cells.forEach((cell, index) => {
      if (index !== quantity && index !== price && pattern.test(cell) && !identifiers.includes(index)) identifiers.push(index);
    });
  }
  if (identifiers.length === 0 && quantity < 0) return null;
  return {
    identifiers: identifiers.length ? identifiers : [0],
    quantity: quantity >= 0 ? quantity : 1,
    price: price >= 0 ? price : null,
  };
}

export function parsePastedLines(text: string): PasteResult {
  const rows: PastedRow[] = [];
  const problems: string[] = [];
  let layout: Layout | null = null;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, position) => {
    const row = position + 1;
    if (raw.trim() === '') return;
    const cells = raw.split('\t').map((cell) => cell.trim());
    if (layout === null) {
      layout = headerLayout(cells);
      if (layout) return; // the header row itself
      layout = POSITIONAL;
    }
    const identifier = layout.identifiers.map((index) => cells[index] ?? '').find((cell) => cell !== '') ?? '';
    const quantityCell = cells[layout.quantity] ?? '';
    const priceCell = layout.price === null ? '' : (cells[layout.price] ?? '');
    const quantity = pastedNumber(quantityCell);
    const price = pastedNumber(priceCell);
    if (identifier === '') {
      problems.push(`Row ${row}: no SKU, GTIN or product name.`);
      return;
    }
    if (quantity === null || quantity === '' || /^0*(\.0*)?$/.test(quantity)) {
      problems.push(`Row ${row} (${identifier}): the quantity "${quantityCell}" is not a number above zero.`);
      return;
    }
    if (price === null) {
      problems.push(`Row ${row} (${identifier}): the price "${priceCell}" is not a number.`);
      return;
    }
    rows.push({ identifier, quantity, price, row });
  });
  return { rows, problems };
}
