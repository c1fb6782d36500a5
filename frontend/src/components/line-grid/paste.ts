/*
 * Rows pasted from a spreadsheet: tab-separated cells, one row a line, in the order
 * SKU, quantity, unit price (the price may be left out). A header row ("SKU  Qty  Price") and
 * blank rows are skipped; numbers written with thousands separators ("1,250.50") or a
 * currency sign are read as plain decimals, because that is how spreadsheets copy them.
 */

export interface PastedRow {
  sku: string;
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

export function parsePastedLines(text: string): PasteResult {
  const rows: PastedRow[] = [];
  const problems: string[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, position) => {
    const row = position + 1;
    if (raw.trim() === '') return;
    const [sku = '', quantityCell = '', priceCell = ''] = raw.split('\t').map((cell) => cell.trim());
    const quantity = pastedNumber(quantityCell);
    const price = pastedNumber(priceCell);
    // A header row ("SKU  Quantity  Price") comes first and has words where the numbers go.
    if (rows.length === 0 && problems.length === 0 && quantity === null && /\b(sku|item|product|code|qty|quantity|price)\b/i.test(raw)) return;
    if (sku === '') {
      problems.push(`Row ${row}: no SKU.`);
      return;
    }
    if (quantity === null || quantity === '' || /^0*(\.0*)?$/.test(quantity)) {
      problems.push(`Row ${row} (${sku}): the quantity "${quantityCell}" is not a number above zero.`);
      return;
    }
    if (price === null) {
      problems.push(`Row ${row} (${sku}): the price "${priceCell}" is not a number.`);
      return;
    }
    rows.push({ sku, quantity, price, row });
  });
  return { rows, problems };
}
