import { apiClient, dataOf } from '@/lib/api-client';
import { thousandths, type ScannedCase } from '@/lib/case-labels';

export type { ScannedCase } from '@/lib/case-labels';

export interface ReceivingLine {
  id: number;
  line_no: number;
  product: string | null;
  description: string;
}

export interface ScannedReceiptLine {
  order_line: number;
  lot_code: string;
  production_date: string | null;
  pack_date: string | null;
  use_by: string | null;
  quantity_received: string;
  net_weight: string | null;
}

/** Scanned cases grouped into receipt lines: one per (order line, lot), counting cases and
 * adding their net weights exactly (in thousandths, as integers). */
export function groupCases(cases: readonly ScannedCase[], lines: readonly ReceivingLine[]): { lines: ScannedReceiptLine[]; unmatched: ScannedCase[] } {
  const groups = new Map<string, { line: ScannedReceiptLine; cases: number; weight: number | null }>();
  const unmatched: ScannedCase[] = [];
  for (const scanned of cases) {
    const orderLine = lines.find((line) => line.product === scanned.product);
    if (!orderLine) {
      unmatched.push(scanned);
      continue;
    }
    const key = `${orderLine.id}|${scanned.lot_code}`;
    const group = groups.get(key) ?? {
      line: {
        order_line: orderLine.id,
        lot_code: scanned.lot_code,
        production_date: scanned.production_date,
        pack_date: scanned.pack_date,
        use_by: scanned.use_by,
        quantity_received: '0',
        net_weight: null,
      },
      cases: 0,
      weight: null,
    };
    group.cases += 1;
    if (scanned.net_weight !== null) group.weight = (group.weight ?? 0) + thousandths(scanned.net_weight);
    groups.set(key, group);
  }
  return {
    lines: [...groups.values()].map((group) => ({
      ...group.line,
      quantity_received: String(group.cases),
      net_weight: group.weight === null ? null : (group.weight / 1000).toFixed(3),
    })),
    unmatched,
  };
}

export async function postScannedReceipt(order: number, lines: readonly ScannedReceiptLine[]) {
  const body = lines.map((line) => ({ ...line, quantity_rejected: '0' }));
  return dataOf(await apiClient.POST('/api/v1/goods-receipts/', { body: { order, notes: 'Received by scanning case labels', lines: body } }));
}
