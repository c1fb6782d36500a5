import type { LineColumn } from '@/components/line-grid/line-grid';
import type { LineProduct } from '@/components/line-grid/product-lookup';
import { lineTotal } from '@/lib/line-totals';

import { ORDER_UNITS, type OrderLineInput } from '../api/create-purchase-order';

/** The editable columns of a purchase order line, on a new order and when changing one. */
export const ORDER_LINE_COLUMNS: readonly LineColumn[] = [
  { key: 'description', header: 'Description', kind: 'text', placeholder: 'Optional with a product' },
  { key: 'quantity', header: 'Quantity', kind: 'decimal', align: 'right', width: 'w-24' },
  { key: 'unit', header: 'Unit', kind: 'select', width: 'w-24', options: ORDER_UNITS.map((unit) => ({ value: unit, label: unit })) },
  { key: 'unit_price', header: 'Unit price', kind: 'decimal', align: 'right', width: 'w-32' },
];

/** A chosen product sets the line's product and unit (stock is kept in the product's unit). */
export function applyOrderProduct<L extends OrderLineInput>(line: L, product: LineProduct | null): L {
  if (!product) return { ...line, product: '', product_label: '' };
  return { ...line, product: product.id, product_label: `${product.sku} — ${product.name}`, unit: product.unit as OrderLineInput['unit'] };
}

export function orderLineTotal(line: OrderLineInput): string | null {
  return lineTotal(line.quantity, line.unit_price);
}
