import { formatDate, formatMoney } from '@/lib/format';

export interface CompanyTotals {
  currency: string;
  on: string;
  totals: Record<string, string>;
  missing: string[];
}

/** A report's grand total in the company currency, each currency converted at its rate of the
 * day; currencies without a rate are named and left out, never added at a guessed rate. */
export function CompanyTotal({ company, label }: { company: CompanyTotals; label: string }) {
  return (
    <p className="text-sm" aria-label={label}>
      <strong>
        Total in {company.currency}: {formatMoney(company.totals.total ?? '0', company.currency)}
      </strong>{' '}
      (each currency at its rate of {formatDate(company.on)}
      {company.missing.length ? `; not included, no rate: ${company.missing.join(', ')}` : ''})
    </p>
  );
}

/** The row's total in the company currency, with the rate used on hover. */
export function CompanyAmount({ row, currency }: { row: { currency: string; rate?: string | null | undefined; rate_date?: string | null | undefined; total_company?: string | null | undefined }; currency: string }) {
  if (row.total_company === null || row.total_company === undefined) return <span className="text-amber-700 dark:text-amber-400">No rate</span>;
  return (
    <span title={row.rate_date ? `1 ${row.currency} = ${row.rate} on ${formatDate(row.rate_date)}` : undefined}>
      {formatMoney(row.total_company, currency)}
    </span>
  );
}
