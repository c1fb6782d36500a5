import { toCents } from '../api/get-overdue-receivables';

export const UNASSIGNED = 'Unassigned';

export interface SpendRowInput {
  department: { id: number; code: string; name: string } | null;
  currency: string;
  total: string;
  orders: number;
}

export interface SpendBar {
  key: string;
  label: string;
  currency: string;
  total: string;
  orders: number;
  /** Bar length, 0–100, relative to the largest total in the same currency. */
  percent: number;
}

export interface SpendGroup {
  currency: string;
  bars: SpendBar[];
}

/**
 * Bars per currency (amounts in different currencies are never compared), largest first. The
 * largest bar fills the track; the others are scaled exactly from the decimal strings and
 * rounded to one decimal; any spend above zero stays visible (at least 1%).
 */
export function spendBars(rows: readonly SpendRowInput[]): SpendGroup[] {
  const groups = new Map<string, { row: SpendRowInput; cents: bigint }[]>();
  for (const row of rows) {
    const list = groups.get(row.currency) ?? [];
    list.push({ row, cents: toCents(row.total) });
    groups.set(row.currency, list);
  }
  return [...groups.entries()].map(([currency, list]) => {
    const sorted = [...list].sort((a, b) => (a.cents === b.cents ? 0 : a.cents > b.cents ? -1 : 1));
    const max = sorted.reduce((m, { cents }) => (cents > m ? cents : m), 0n);
    return {
      currency,
      bars: sorted.map(({ row, cents }) => {
        let percent = 0;
        if (max > 0n && cents > 0n) percent = Math.max(1, Number((cents * 1000n) / max) / 10);
        return {
          key: row.department ? String(row.department.id) : 'unassigned',
          label: row.department?.name ?? UNASSIGNED,
          currency,
          total: row.total,
          orders: row.orders,
          percent,
        };
      }),
    };
  });
}
