import { useState } from 'react';

import { CompanyAmount, CompanyTotal } from '@/components/company-total';
import { ExportMenu } from '@/components/export-menu';
import { Input } from '@/components/ui/input';
import { Table, type Column } from '@/components/ui/table';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatMoney } from '@/lib/format';

import { useAging, type AgingRow } from '../api/get-aging';

const BUCKETS: Array<[keyof AgingRow, string]> = [
  ['current', 'Current'],
  ['days_1_30', '1–30 days'],
  ['days_31_60', '31–60 days'],
  ['days_61_90', '61–90 days'],
  ['over_90', 'Over 90 days'],
];

/** Open receivables per customer by days past due, as of any date. */
export function AgingTable() {
  const [asOf, setAsOf] = useState('');
  const aging = useAging(asOf);
  const columns: Column<AgingRow>[] = [
    { key: 'customer', header: 'Customer', cell: (r) => `${r.customer_name} (${r.customer_code})` },
    ...BUCKETS.map(([key, label]) => ({
      key,
      header: label,
      align: 'right' as const,
      cell: (r: AgingRow) => (Number(r[key]) === 0 ? '—' : <span className={key === 'current' ? '' : 'text-red-700 dark:text-red-400'}>{formatMoney(String(r[key]), r.currency)}</span>),
    })),
    { key: 'total', header: 'Total', align: 'right', cell: (r) => <strong>{formatMoney(r.total, r.currency)}</strong> },
    {
      key: 'total_company',
      header: `Total in ${aging.data?.company.currency ?? 'company currency'}`,
      align: 'right',
      cell: (r) => <CompanyAmount row={r} currency={aging.data?.company.currency ?? r.currency} />,
    },
  ];
  const company = aging.data?.company;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1.5">
          <label htmlFor="aging-as-of" className="block text-sm font-medium">
            As of
          </label>
          <Input id="aging-as-of" type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} className="w-48" />
        </div>
        {aging.data ? <p className="text-sm text-slate-600 dark:text-slate-400">Figures as of {formatDate(aging.data.as_of)}.</p> : null}
        <div className="ml-auto">
          <ExportMenu
            path="/api/v1/receivables/aging/export/"
            query={{ as_of: asOf || undefined }}
            noun="the receivables aging"
            columns={[
              { field: 'customer_name', header: 'Customer' },
              { field: 'customer_code', header: 'Code' },
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
        caption="Receivables aging"
        columns={columns}
        rows={aging.data?.rows}
        rowKey={(r) => `${r.customer}-${r.currency}`}
        isLoading={aging.isPending}
        error={aging.isError ? `Could not load the aging. ${errorMessage(aging.error)}` : null}
        onRetry={() => void aging.refetch()}
        emptyMessage="Nobody owes anything on this date."
      />
      {company && aging.data?.rows.length ? <CompanyTotal company={company} label="Receivables in the company currency" /> : null}
    </div>
  );
}
