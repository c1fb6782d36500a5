import { useState } from 'react';
import { Link } from 'react-router';

import { AgingTable } from '@/components/aging-table';

import { useApAging, type ApAgingRow } from '../api/get-ap-aging';

/** What the company owes each supplier, by days past due, as of any date (finance, auditors). */
export function ApAgingTable({ invoicesHref }: { invoicesHref: (row: ApAgingRow) => string }) {
  const [asOf, setAsOf] = useState('');
  return (
    <AgingTable
      caption="Payables aging by supplier"
      party={{
        header: 'Supplier',
        cell: (r) => (
          <Link to={invoicesHref(r)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
            {r.supplier_name}
          </Link>
        ),
        exportFields: [
          { field: 'supplier_name', header: 'Supplier' },
          { field: 'supplier_code', header: 'Code' },
        ],
      }}
      rowKey={(r) => `${r.supplier_id}-${r.currency}`}
      asOf={asOf}
      onAsOfChange={setAsOf}
      report={useApAging(asOf)}
      exportPath="/api/v1/reports/ap-aging/export/"
      noun="the payables aging"
      owedIn="Owed in"
      emptyMessage="Nothing is owed to suppliers on this date."
    />
  );
}
