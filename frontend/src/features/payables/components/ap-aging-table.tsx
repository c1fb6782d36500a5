import { useState } from 'react';
import { Link } from 'react-router';

import { CompanyAmount, CompanyTotal } from '@/components/company-total';
import { ExportMenu } from '@/components/export-menu';
import { Input } from '@/components/ui/input';
import { Table, type Column } from '@/components/ui/table';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatMoney } from '@/lib/format';

import { useApAging, type ApAgingRow } from '../api/get-ap-aging';

const BUCKETS: Array<[keyof ApAgingRow, string]> = [
  ['current', 'Current'],
  ['days_1_30', '1–30 days'],
  ['days_31_60', '31–60 days'],
  ['days_61_90', '61–90 days'],
  ['over_90', 'Over 90 days'],
];

/** Totals per currency, so a USD and a EUR supplier never add up into one figure. */
function totalsByCurrency(rows: readonly ApAgingRow[]): Array<{ currency: string; sums: Record<string, number> }> {
  const by = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const sums = by.get(row.currency) ?? {};
    for (const [key] of [...BUCKETS, ['total', 'Total'] as const]) {
      // Cents as integers: exact for any real payables total.
      sums[key] = (sums[key] ?? 0) + Math.round(Number(row[key]) * 100);
    }
    by.set(row.currency, sums);
  }
  return [...by.entries()].map(([currency, sums]) => ({ currency, sums }));
}

function cents(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** What the company owes each supplier, by days past due, as of any date (finance, auditors). */
export function ApAgingTable({ invoicesHref }: { invoicesHref: (row: ApAgingRow) => string }) {
  const [asOf, setAsOf] = useState('');
  const aging = useApAging(asOf);
  const columns: Column<ApAgingRow>[] = [
    {
      key: 'supplier',
      header: 'Supplier',
      cell: (r) => (
        <Link to={invoicesHref(r)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          {r.supplier_name}
        </Link>
      ),
    },
    ...BUCKETS.map(([key, label]) => ({
      key,
      header: label,
      align: 'right' as const,
      cell: (r: ApAgingRow) => (Number(r[key]) === 0 ? '—' : <span className={key === 'current' ? '' : 'text-red-700 dark:text-red-400'}>{formatMoney(String(r[key]), r.currency)}</span>),
    })),
    { key: 'total', header: 'Total', align: 'right', cell: (r) => <strong>{formatMoney(r.total, r.currency)}</strong> },
    {
      key: 'total_company',
      header: `Total in ${aging.data?.company.currency ?? 'company currency'}`,
      align: 'right',
      cell: (r) => <CompanyAmount row={r} currency={aging.data?.company.currency ?? r.currency} />,
    },
  ];
  const totals = aging.data ? totalsByCurrency(aging.data.rows) : [];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1.5">
          <label htmlFor="ap-aging-as-of" className="block text-sm font-medium">
            As of
          </label>
          <Input id="ap-aging-as-of" type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} className="w-48" />
        </div>
        {aging.data ? <p className="text-sm text-slate-600 dark:text-slate-400">Figures as of {formatDate(aging.data.as_of)}.</p> : null}
        <div className="ml-auto">
          <ExportMenu
            path="/api/v1/reports/ap-aging/export/"
            query={{ as_of: asOf || undefined }}
            noun="the payables aging"
            columns={[
              { field: 'supplier_name', header: 'Supplier' },
              { field: 'supplier_code', header: 'Code' },
              { field: 'currency', header: 'Currency' },
              ...BUCKETS.map(([key, label]) => ({ field: String(key), header: label })),
              { field: 'total', header: 'Total' },
              { field: 'rate', header: 'Rate' },
              { field: 'total_company', header: 'Total (company currency)' },
            ]}
          />
        </div>
      </div>
      <Table
        caption="Payables aging by supplier"
        columns={columns}
        rows={aging.data?.rows}
        rowKey={(r) => `${r.supplier_id}-${r.currency}`}
        isLoading={aging.isPending}
        error={aging.isError ? `Could not load the aging. ${errorMessage(aging.error)}` : null}
        onRetry={() => void aging.refetch()}
        emptyMessage="Nothing is owed to suppliers on this date."
      />
      {totals.length > 0 ? (
        <dl className="grid gap-2 text-sm sm:grid-cols-2" aria-label="Payables totals">
          {totals.map(({ currency, sums }) => (
            <div key={currency} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
              <dt className="font-medium">Owed in {currency}</dt>
              <dd data-testid={`ap-total-${currency}`} className="text-lg font-semibold tabular-nums">
                {formatMoney(cents(sums.total ?? 0), currency)}
              </dd>
              <dd className="text-slate-600 dark:text-slate-400">
                {formatMoney(cents((sums.total ?? 0) - (sums.current ?? 0)), currency)} past due
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {aging.data && aging.data.rows.length > 0 ? <CompanyTotal company={aging.data.company} label="Payables in the company currency" /> : null}
    </div>
  );
}
