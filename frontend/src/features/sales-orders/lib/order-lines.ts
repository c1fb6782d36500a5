import type { LineColumn } from '@/components/line-grid/line-grid';
import type { LineProduct } from '@/components/line-grid/product-lookup';
import { lineTotal } from '@/lib/line-totals';

import type { SalesOrderLineInput } from '../api/create-sales-order';

export const CUSTOMER_COLUMNS: readonly LineColumn[] = [{ key: 'quantity', header: 'Quantity', kind: 'decimal', align: 'right', width: 'w-28' }];
export const STAFF_COLUMNS: readonly LineColumn[] = [
  ...CUSTOMER_COLUMNS,
  { key: 'discount_percent', header: 'Discount %', kind: 'decimal', align: 'right', width: 'w-28', placeholder: '0' },
];

/** A chosen product fills the line's label, unit and list price (an indication for the total). */
export function applySalesProduct<L extends SalesOrderLineInput>(line: L, product: LineProduct | null): L {
  if (!product) return { ...line, product: '', product_label: '', unit: '', list_price: '', currency: '' };
  return { ...line, product: product.id, product_label: `${product.sku} — ${product.name} (${product.unit})`, unit: product.unit, list_price: product.list_price ?? '', currency: product.currency };
}

/** An indication only: the server prices the order from the customer's price list. */
export function listValue(line: SalesOrderLineInput): string | null {
  if (!line.list_price) return null;
  const gross = lineTotal(line.quantity, line.list_price);
  if (gross === null || !line.discount_percent) return gross;
  const kept = lineTotal(gross, (100 - Number(line.discount_percent)).toFixed(2));
  return kept === null ? gross : lineTotal(kept, '0.01');
}

export function currencyOf(lines: readonly SalesOrderLineInput[]): string {
  return lines.find((line) => line.currency)?.currency ?? 'USD';
}
