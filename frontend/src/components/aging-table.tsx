import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';

import { CompanyAmount, CompanyTotal, type CompanyTotals } from '@/components/company-total';
import { ExportMenu } from '@/components/export-menu';
import { Input } from '@/components/ui/input';
import { Table, type Column } from '@/components/ui/table';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatMoney } from '@/lib/format';

/** One party's open amounts in one currency, by days past due (payables and receivables alike). */
export interface AgingRow {
  currency: string;
  current: string;
  days_1_30: string;
  days_31_60: string;
  days_61_90: string;
  over_90: string;
  total: string;
  /** The rate of the day and the total in the company currency: staff reports only (a
   * customer's own aging is in their own currencies). */
  readonly rate?: string | null;
  readonly rate_date?: string | null;
  readonly total_company?: string | null;
}

export interface AgingReport<Row extends AgingRow> {
  as_of: string;
  rows: Row[];
  /** Absent when the reader is not shown our company currency. */
  company?: CompanyTotals | undefined;
}

type Amount = 'current' | 'days_1_30' | 'days_31_60' | 'days_61_90' | 'over_90' | 'total';

const BUCKETS: Array<[Exclude<Amount, 'total'>, string]> = [
  ['current', 'Current'],
  ['days_1_30', '1–30 days'],
  ['days_31_60', '31–60 days'],
  ['days_61_90', '61–90 days'],
  ['over_90', 'Over 90 days'],
];

/** Cents as integers: exact for any real total, where adding the decimal strings as floats is not. */
function toCents(value: string): number {
  return Math.round(Number(value) * 100);
}

function fromCents(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Totals per currency, so a USD and a EUR party never add up into one figure. */
export function totalsByCurrency(rows: readonly AgingRow[]): Array<{ currency: string; total: string; pastDue: string }> {
  const by = new Map<string, { total: number; current: number }>();
  for (const row of rows) {
    const sums = by.get(row.currency) ?? { total: 0, current: 0 };
    sums.total += toCents(row.total);
    sums.current += toCents(row.current);
    by.set(row.currency, sums);
  }
  return [...by.entries()].map(([currency, sums]) => ({
    currency,
    total: fromCents(sums.total),
    pastDue: fromCents(sums.total - sums.current),
  }));
}

export interface AgingTableProps<Row extends AgingRow> {
  /** "Payables aging by supplier": the table's caption and the start of every label. */
  caption: string;
  /** The party column: its header, its cell, and its fields in the export. */
  party: { header: string; cell: (row: Row) => ReactNode; exportFields: Array<{ field: string; header: string }> };
  rowKey: (row: Row) => string;
  /** The chosen date ('' = today) and the report for it. */
  asOf: string;
  onAsOfChange: (asOf: string) => void;
  report: UseQueryResult<AgingReport<Row>>;
  exportPath: string;
  /** "the payables aging", for the export menu. */
  noun: string;
  /** "Owed in" / "Owed to us in", before each currency's total. */
  owedIn: string;
  emptyMessage: string;
}

/**
 * Open amounts per party by days past due, as of any date: the date picker, the table (past-due
 * buckets in red, each row's total in the company currency), an export of exactly these
 * columns, each currency's total with what is past due, and the grand total in the company
 * currency. The payables and the receivables aging are this one table with their own party.
 */
export function AgingTable<Row extends AgingRow>({
  caption,
  party,
  rowKey,
  asOf,
  onAsOfChange,
  report,
  exportPath,
  noun,
  owedIn,
  emptyMessage,
}: AgingTableProps<Row>) {
  const dateId = useId();
  const companyCurrency = report.data?.company?.currency;
  const columns: Column<Row>[] = [
    { key: 'party', header: party.header, cell: party.cell },
    ...BUCKETS.map(([key, label]) => ({
      key,
      header: label,
      align: 'right' as const,
      cell: (r: Row) =>
        Number(r[key]) === 0 ? '—' : <span className={key === 'current' ? '' : 'text-red-700 dark:text-red-400'}>{formatMoney(r[key], r.currency)}</span>,
    })),
    { key: 'total', header: 'Total', align: 'right', cell: (r) => <strong>{formatMoney(r.total, r.currency)}</strong> },
  ];
  if (!report.data || companyCurrency) {
    columns.push({
      key: 'total_company',
      header: `Total in ${companyCurrency ?? 'company currency'}`,
      align: 'right',
      cell: (r) => <CompanyAmount row={r} currency={companyCurrency ?? r.currency} />,
    });
  }
  const rows = report.data?.rows;
  const totals = rows ? totalsByCurrency(rows) : [];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1.5">
          <label htmlFor={dateId} className="block text-sm font-medium">
            As of
          </label>
          <Input id={dateId} type="date" value={asOf} onChange={(event) => onAsOfChange(event.target.value)} className="w-48" />
        </div>
        {report.data ? <p className="text-sm text-slate-600 dark:text-slate-400">Figures as of {formatDate(report.data.as_of)}.</p> : null}
        <div className="ml-auto">
          <ExportMenu
            path={exportPath}
            query={{ as_of: asOf || undefined }}
            noun={noun}
            columns={[
              ...party.exportFields,
              { field: 'currency', header: 'Currency' },
              ...BUCKETS.map(([key, label]) => ({ field: key, header: label })),
              { field: 'total', header: 'Total' },
              ...(report.data && !companyCurrency
                ? []
                : [
                    { field: 'rate', header: 'Rate' },
                    { field: 'total_company', header: 'Total (company currency)' },
                  ]),
            ]}
          />
        </div>
      </div>
      <Table
        caption={caption}
        columns={columns}
        rows={rows}
        rowKey={rowKey}
        isLoading={report.isPending}
        error={report.isError ? `Could not load the aging. ${errorMessage(report.error)}` : null}
        onRetry={() => void report.refetch()}
        emptyMessage={emptyMessage}
      />
      {totals.length > 0 ? (
        <dl className="grid gap-2 text-sm sm:grid-cols-2" aria-label={`${caption}: totals`}>
          {totals.map(({ currency, total, pastDue }) => (
            <div key={currency} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
              <dt className="font-medium">
                {owedIn} {currency}
              </dt>
              <dd data-testid={`aging-total-${currency}`} className="text-lg font-semibold tabular-nums">
                {formatMoney(total, currency)}
              </dd>
              <dd className="text-slate-600 dark:text-slate-400">{formatMoney(pastDue, currency)} past due</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {report.data?.company && totals.length > 0 ? <CompanyTotal company={report.data.company} label={`${caption} in the company currency`} /> : null}
    </div>
  );
}
