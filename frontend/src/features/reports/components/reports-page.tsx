import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';

import { ExportMenu, type ExportColumn } from '@/components/export-menu';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { formatMoney } from '@/lib/format';

import { useApAging, useArAging, useSalesByCustomer, useSpend, useValuation, type PeriodReport, type PeriodRow, type SpendGrouping } from '../api/get-reports';
import { AGING_BUCKETS, agingBars, mainCurrency, sumMoney, type AgingBucketKey } from '../lib/figures';

import { BarFigure, type FigureBar } from './bar-figure';

export interface ReportAccess {
  spend: boolean;
  sales: boolean;
  payables: boolean;
  receivables: boolean;
  stock: boolean;
}

const PERIOD_COLUMNS: readonly ExportColumn[] = [
  { field: 'name', header: 'Name' },
  { field: 'currency', header: 'Currency' },
  { field: 'total', header: 'Total' },
  { field: 'orders', header: 'Orders' },
];
const GROUPINGS: ReadonlyArray<{ value: Exclude<SpendGrouping, 'month'>; label: string }> = [
  { value: 'department', label: 'Department' },
  { value: 'category', label: 'Category' },
  { value: 'supplier', label: 'Supplier' },
];

function periodBars(rows: readonly PeriodRow[], currency: string, limit?: number): FigureBar[] {
  const mine = rows.filter((row) => row.currency === currency);
  return (limit ? mine.slice(0, limit) : mine).map((row) => ({ name: row.name, value: Number(row.total), amount: row.total }));
}

function MoneyTable({ caption, nameHeader, rows, currency, countHeader, extra }: { caption: string; nameHeader: string; rows: ReadonlyArray<{ name: string; amount: string; count?: number; link?: ReactNode }>; currency: string; countHeader?: string; extra?: ReactNode }) {
  return (
    // Scrolls when long: focusable and named, so a keyboard can scroll it too.
    <div className="max-h-72 overflow-y-auto" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-700">
            <th scope="col" className="py-1.5 pr-2 font-semibold">
              {nameHeader}
            </th>
            {countHeader ? (
              <th scope="col" className="py-1.5 pr-2 text-right font-semibold">
                {countHeader}
              </th>
            ) : null}
            <th scope="col" className="py-1.5 text-right font-semibold">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className="border-b border-slate-100 dark:border-slate-800">
              <td className="py-1.5 pr-2">{row.link ?? row.name}</td>
              {countHeader ? <td className="py-1.5 pr-2 text-right tabular-nums">{row.count ?? ''}</td> : null}
              <td className="py-1.5 text-right tabular-nums">{formatMoney(row.amount, currency)}</td>
            </tr>
          ))}
        </tbody>
        {extra}
      </table>
    </div>
  );
}

function Total({ label, amount, currency }: { label: string; amount: string; currency: string }) {
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300">
      {label} <strong className="text-lg text-slate-900 tabular-nums dark:text-white">{formatMoney(amount, currency)}</strong>
    </p>
  );
}

/** Every currency of a report in the company currency, each document at its own rate: the
 * charts show the main currency; this line adds up the rest too and says what it could not. */
export function CompanyCurrencyTotal({ report, label }: { report: PeriodReport; label: string }) {
  const currencies = new Set(report.rows.map((r) => r.currency));
  if (currencies.size < 2 && currencies.has(report.company_currency)) return null;
  const unrated = report.rows.filter((r) => r.total_company === null && Number(r.total) !== 0);
  const amount = sumMoney(report.rows.flatMap((r) => (r.total_company === null ? [] : [r.total_company])));
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300" aria-label={`${label} in the company currency`}>
      {label}, all currencies in {report.company_currency} at each document&rsquo;s own rate:{' '}
      <strong className="tabular-nums text-slate-900 dark:text-white">{formatMoney(amount, report.company_currency)}</strong>
      {unrated.length ? ` (not included, no rate: ${[...new Set(unrated.map((r) => r.currency))].join(', ')})` : ''}
    </p>
  );
}

function SpendByMonth() {
  const query = useSpend('month');
  return (
    <Card title="Spend by month" actions={<ExportMenu path="/api/v1/reports/spend/export/" query={{ by: 'month', months: 12 }} columns={PERIOD_COLUMNS} noun="spend by month" />}>
      <QueryState query={query} what="the spend">
        {(report) => {
          const currency = mainCurrency(report.rows);
          const bars = periodBars(report.rows, currency);
          return (
            <div className="space-y-3">
              <Total label="Committed in the last 12 months" amount={sumMoney(bars.map((b) => b.amount))} currency={currency} />
              <CompanyCurrencyTotal report={report} label="Committed" />
              <BarFigure bars={bars.map((b) => ({ ...b, name: b.name.replace(/ (\d{2})(\d{2})$/, ' ’$2') }))} currency={currency} />
              <details>
                <summary className="cursor-pointer text-sm text-brand-700 dark:text-brand-500">The figures by month</summary>
                <MoneyTable caption="Spend by month" nameHeader="Month" currency={currency} countHeader="Orders" rows={report.rows.filter((r) => r.currency === currency).map((r) => ({ name: r.name, amount: r.total, count: r.orders }))} />
              </details>
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}

function SpendBreakdown() {
  const [by, setBy] = useState<Exclude<SpendGrouping, 'month'>>('department');
  const query = useSpend(by);
  const label = GROUPINGS.find((g) => g.value === by)?.label ?? '';
  return (
    <Card
      title={`Spend by ${label.toLowerCase()}`}
      actions={<ExportMenu path="/api/v1/reports/spend/export/" query={{ by, months: 12 }} columns={PERIOD_COLUMNS} noun={`spend by ${label.toLowerCase()}`} />}
    >
      <div role="group" aria-label="Group the spend by" className="mb-3 inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-600">
        {GROUPINGS.map((grouping) => (
          <button
            key={grouping.value}
            type="button"
            aria-pressed={by === grouping.value}
            onClick={() => setBy(grouping.value)}
            className="rounded px-3 py-1 text-sm aria-pressed:bg-brand-700 aria-pressed:text-white"
          >
            {grouping.label}
          </button>
        ))}
      </div>
      <QueryState query={query} what="the spend">
        {(report) => {
          const currency = mainCurrency(report.rows);
          const bars = periodBars(report.rows, currency, 10);
          return (
            <div className="grid gap-4">
              <BarFigure bars={bars} currency={currency} horizontal height={Math.max(160, bars.length * 32)} />
              <MoneyTable caption={`Spend by ${label.toLowerCase()}`} nameHeader={label} currency={currency} countHeader="Orders" rows={report.rows.filter((r) => r.currency === currency).map((r) => ({ name: r.name, amount: r.total, count: r.orders }))} />
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}

interface AgingRowLike {
  currency: string;
  name: string;
  href: string;
  [bucket: string]: unknown;
}

function AgingCard({ title, noun, exportPath, partyHeader, rows, isPending, query }: { title: string; noun: string; exportPath: string; partyHeader: string; rows: readonly AgingRowLike[]; isPending: boolean; query: Parameters<typeof QueryState>[0]['query'] }) {
  const [bucket, setBucket] = useState<AgingBucketKey | null>(null);
  const currency = mainCurrency(rows);
  const bars = agingBars(rows, currency);
  const selected = bucket ? AGING_BUCKETS.findIndex((b) => b.key === bucket) : null;
  const parties = bucket ? rows.filter((row) => row.currency === currency && Number(row[bucket] ?? 0) !== 0) : [];
  const columns: ExportColumn[] = [
    { field: partyHeader === 'Supplier' ? 'supplier_name' : 'customer_name', header: partyHeader },
    { field: 'currency', header: 'Currency' },
    ...AGING_BUCKETS.map((b) => ({ field: b.key, header: b.label })),
    { field: 'total', header: 'Total' },
  ];
  return (
    <Card title={title} actions={<ExportMenu path={exportPath} query={{}} columns={columns} noun={noun} />}>
      <QueryState query={query} what={noun}>
        {() =>
          isPending ? null : (
            <div className="space-y-3">
              <Total label="Open" amount={sumMoney(bars.map((b) => b.amount))} currency={currency} />
              <BarFigure bars={bars.map((b) => ({ name: b.label, value: b.value, amount: b.amount }))} currency={currency} selected={selected} onSelect={(index) => setBucket(AGING_BUCKETS[index]?.key ?? null)} height={200} />
              <ul className="flex flex-wrap gap-2" aria-label={`${title}: choose a bucket to see who is in it`}>
                {bars.map((bar) => (
                  <li key={bar.key}>
                    <button
                      type="button"
                      aria-pressed={bucket === bar.key}
                      onClick={() => setBucket(bucket === bar.key ? null : bar.key)}
                      className="rounded-md border border-slate-300 px-2 py-1 text-sm tabular-nums aria-pressed:border-amber-600 aria-pressed:bg-amber-50 dark:border-slate-600 dark:aria-pressed:bg-slate-800"
                    >
                      {bar.label}: {formatMoney(bar.amount, currency)}
                    </button>
                  </li>
                ))}
              </ul>
              {bucket ? (
                <MoneyTable
                  caption={`${title}, ${AGING_BUCKETS[selected ?? 0]?.label}`}
                  nameHeader={partyHeader}
                  currency={currency}
                  rows={parties.map((row) => ({ name: row.name, amount: String(row[bucket]), link: <Link className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-500" to={row.href}>{row.name}</Link> }))}
                />
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-300">Choose a bar or a bucket to see who is in it and open their invoices.</p>
              )}
            </div>
          )
        }
      </QueryState>
    </Card>
  );
}

function PayablesAging() {
  const query = useApAging();
  const rows = (query.data?.rows ?? []).map((row) => ({ ...row, name: row.supplier_name, href: `/supplier-invoices?search=${encodeURIComponent(row.supplier_name)}` }));
  return <AgingCard title="Payables aging" noun="payables aging" exportPath="/api/v1/reports/ap-aging/export/" partyHeader="Supplier" rows={rows} isPending={query.isPending} query={query} />;
}

function ReceivablesAging() {
  const query = useArAging();
  const rows = (query.data?.rows ?? []).map((row) => ({ ...row, name: row.customer_name, href: `/receivables?search=${encodeURIComponent(row.customer_name)}` }));
  return <AgingCard title="Receivables aging" noun="receivables aging" exportPath="/api/v1/receivables/aging/export/" partyHeader="Customer" rows={rows} isPending={query.isPending} query={query} />;
}

function StockByLocation() {
  const query = useValuation();
  return (
    <Card
      title="Stock value by location"
      actions={
        <ExportMenu
          path="/api/v1/stock/valuation/by-location/export/"
          query={{}}
          columns={[
            { field: 'location_code', header: 'Location' },
            { field: 'location_name', header: 'Name' },
            { field: 'value', header: 'Value' },
          ]}
          noun="stock value by location"
        />
      }
    >
      <QueryState query={query} what="the stock value">
        {(valuation) => {
          const bars = valuation.by_location.map((row) => ({ name: row.location_code, value: Number(row.value), amount: row.value }));
          return (
            <div className="space-y-3">
              <Total label="On hand, at cost" amount={valuation.total} currency={valuation.currency} />
              <BarFigure bars={bars} currency={valuation.currency} horizontal height={Math.max(120, bars.length * 40)} />
              <MoneyTable caption="Stock value by location" nameHeader="Location" currency={valuation.currency} rows={valuation.by_location.map((row) => ({ name: `${row.location_code} — ${row.location_name}`, amount: row.value }))} />
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}

function SalesByCustomer() {
  const query = useSalesByCustomer();
  return (
    <Card title="Sales by customer" actions={<ExportMenu path="/api/v1/reports/sales-by-customer/export/" query={{ months: 12 }} columns={PERIOD_COLUMNS} noun="sales by customer" />}>
      <QueryState query={query} what="the sales">
        {(report) => {
          const currency = mainCurrency(report.rows);
          const bars = periodBars(report.rows, currency, 10);
          return (
            <div className="space-y-3">
              <Total label="Invoiced in the last 12 months, before tax" amount={sumMoney(report.rows.filter((r) => r.currency === currency).map((r) => r.total))} currency={currency} />
              <CompanyCurrencyTotal report={report} label="Invoiced" />
              <div className="grid gap-4">
                <BarFigure bars={bars} currency={currency} horizontal height={Math.max(160, bars.length * 32)} />
                <MoneyTable caption="Sales by customer" nameHeader="Customer" currency={currency} countHeader="Orders" rows={report.rows.filter((r) => r.currency === currency).map((r) => ({ name: r.name, amount: r.total, count: r.orders }))} />
              </div>
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}

/** The charts each role looks at, over the last twelve months; each exports what it shows. */
export function ReportsPage({ access }: { access: ReportAccess }) {
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      {access.spend ? <SpendByMonth /> : null}
      {access.spend ? <SpendBreakdown /> : null}
      {access.payables ? <PayablesAging /> : null}
      {access.receivables ? <ReceivablesAging /> : null}
      {access.sales ? <SalesByCustomer /> : null}
      {access.stock ? <StockByLocation /> : null}
    </div>
  );
}
