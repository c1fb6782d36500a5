import { useState } from 'react';

import { AgingTable as SharedAgingTable } from '@/components/aging-table';

import { useAging } from '../api/get-aging';

/** Open receivables per customer by days past due, as of any date. */
export function AgingTable() {
  const [asOf, setAsOf] = useState('');
  return (
    <SharedAgingTable
      caption="Receivables aging"
      party={{
        header: 'Customer',
        cell: (r) => `${r.customer_name} (${r.customer_code})`,
        exportFields: [
          { field: 'customer_name', header: 'Customer' },
          { field: 'customer_code', header: 'Code' },
        ],
      }}
      rowKey={(r) => `${r.customer}-${r.currency}`}
      asOf={asOf}
      onAsOfChange={setAsOf}
      report={useAging(asOf)}
      exportPath="/api/v1/receivables/aging/export/"
      noun="the receivables aging"
      owedIn="Owed to us in"
      emptyMessage="Nobody owes anything on this date."
    />
  );
}
