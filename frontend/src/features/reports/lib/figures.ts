/*
 * Figures for charts. Amounts stay decimal strings for what people read (tables, totals); the
 * chart library needs numbers for bar lengths only, so each row carries both.
 */

export const AGING_BUCKETS = [
  { key: 'current', label: 'Not yet due' },
  { key: 'days_1_30', label: '1–30 days' },
  { key: 'days_31_60', label: '31–60 days' },
  { key: 'days_61_90', label: '61–90 days' },
  { key: 'over_90', label: 'Over 90 days' },
] as const;

export type AgingBucketKey = (typeof AGING_BUCKETS)[number]['key'];

/** Exact sum of decimal strings with up to 2 decimals (cents as BigInt). */
export function sumMoney(values: readonly string[]): string {
  let cents = 0n;
  for (const value of values) {
    const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
    if (!match) continue;
    const amount = BigInt(match[2] ?? '0') * 100n + BigInt((match[3] ?? '').padEnd(2, '0') || '0');
    cents += match[1] ? -amount : amount;
  }
  const negative = cents < 0n;
  const text = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** The currency most of the rows are in (charts show one currency at a time). */
export function mainCurrency(rows: ReadonlyArray<{ currency: string }>, fallback = 'USD'): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.currency, (counts.get(row.currency) ?? 0) + 1);
  let best = fallback;
  let most = 0;
  for (const [currency, count] of counts) {
    if (count > most) {
      best = currency;
      most = count;
    }
  }
  return best;
}

export interface AgingBar {
  key: AgingBucketKey;
  label: string;
  amount: string;
  value: number;
}

/** One bar per bucket: the sum of the rows in `currency`. */
export function agingBars(rows: ReadonlyArray<Record<string, unknown> & { currency: string }>, currency: string): AgingBar[] {
  const mine = rows.filter((row) => row.currency === currency);
  return AGING_BUCKETS.map((bucket) => {
    const amount = sumMoney(mine.map((row) => String(row[bucket.key] ?? '0')));
    return { key: bucket.key, label: bucket.label, amount, value: Number(amount) };
  });
}
