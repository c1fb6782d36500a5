import type { ReactNode } from 'react';

import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { Table, type Column } from '@/components/ui/table';
import { formatDate, formatQuantity } from '@/lib/format';

import { RETURN_REASONS, type CustomerReturn, type CustomerReturnLine } from '../api/get-customer-returns';

import { CustomerReturnStatusBadge } from './customer-return-status';

const weightOf = (line: CustomerReturnLine, value: string | null | undefined) => (line.catch_weight && value && Number(value) > 0 ? ` · ${formatQuantity(value, line.weight_unit)}` : '');

/** A return with its lines: authorised, back in stock, written off. ``links`` renders the
 * invoice, order and credit note references (the route knows where they live). */
export function CustomerReturnDetail({ value, actions, links }: { value: CustomerReturn; actions?: ReactNode; links?: ReactNode }) {
  const columns: Column<CustomerReturnLine>[] = [
    { key: 'line', header: 'Line', cell: (l) => l.order_line_no },
    { key: 'product', header: 'Product', cell: (l) => `${l.product_sku} · ${l.description}` },
    { key: 'lot', header: 'Lot', cell: (l) => l.lot_code || '—' },
    { key: 'authorised', header: 'Authorised', align: 'right', cell: (l) => `${formatQuantity(l.quantity, l.unit)}${weightOf(l, l.weight)}` },
    { key: 'restocked', header: 'Back in stock', align: 'right', cell: (l) => `${formatQuantity(l.quantity_restocked, l.unit)}${weightOf(l, l.weight_restocked)}` },
    { key: 'written_off', header: 'Written off', align: 'right', cell: (l) => `${formatQuantity(l.quantity_written_off, l.unit)}${weightOf(l, l.weight_written_off)}` },
  ];
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Return {value.number}</h1>
          <p className="mt-2 flex items-center gap-2 text-sm">
            <CustomerReturnStatusBadge status={value.status} />
            <span className="text-slate-600 dark:text-slate-400">{value.customer_name}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">{actions}</div>
      </header>
      <Card title="Return">
        <DescriptionList
          items={[
            { term: 'Reason', value: RETURN_REASONS[value.reason] },
            { term: 'Details', value: value.reason_text || '—' },
            { term: 'Authorised', value: formatDate(value.authorised_on) },
            { term: 'Received', value: value.received_on ? formatDate(value.received_on) : '—' },
            { term: 'Comes back to', value: value.location_code },
            { term: 'Documents', value: links ?? `${value.invoice_number} · ${value.order_number}` },
          ]}
        />
      </Card>
      <Card title="Lines">
        <Table caption="Return lines" columns={columns} rows={value.lines} rowKey={(l) => l.id} />
      </Card>
    </div>
  );
}
