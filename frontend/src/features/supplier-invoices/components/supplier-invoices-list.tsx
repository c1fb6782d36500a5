import { ChoiceFilter, labelChoices, ListPage, ListSearch, RecordLink } from '@/components/list-page';
import type { Column } from '@/components/ui/table';
import { useListParams } from '@/hooks/use-list-params';
import { formatDate, formatMoney } from '@/lib/format';

import { useSupplierInvoices, type SupplierInvoice } from '../api/get-supplier-invoices';
import { INVOICE_STATUS, InvoiceStatusBadge } from '../lib/status';

const DEFAULTS = { ordering: '-created_at' };

export function SupplierInvoicesList({ invoiceHref }: { invoiceHref: (invoice: SupplierInvoice) => string }) {
  const list = useListParams(DEFAULTS);
  const query = {
    ...list.paging,
    status: list.oneOf('status', INVOICE_STATUS),
  };
  const invoices = useSupplierInvoices(query);
  const columns: Column<SupplierInvoice>[] = [
    {
      key: 'number',
      header: 'Invoice',
      cell: (i) => (
        <>
          <RecordLink to={invoiceHref(i)}>{i.invoice_number}</RecordLink>
          {i.kind === 'credit_note' ? <span className="ml-2 text-xs font-medium text-sky-900 dark:text-sky-200">credit note</span> : null}
        </>
      ),
    },
    { key: 'supplier', header: 'Supplier', cell: (i) => i.supplier_name },
    { key: 'status', header: 'Status', cell: (i) => <InvoiceStatusBadge status={i.status} kind={i.kind} /> },
    { key: 'date', header: 'Invoice date', sortKey: 'invoice_date', cell: (i) => formatDate(i.invoice_date) },
    { key: 'due', header: 'Due', sortKey: 'due_date', cell: (i) => (i.due_date ? formatDate(i.due_date) : '—') },
    { key: 'total', header: 'Total', sortKey: 'total', align: 'right', cell: (i) => formatMoney(i.total, i.currency) },
    { key: 'balance', header: 'Balance', align: 'right', cell: (i) => formatMoney(i.balance, i.currency) },
  ];
  return (
    <ListPage
      caption="Supplier invoices"
      list={list}
      query={invoices}
      columns={columns}
      noun="supplier invoices"
      emptyMessage={query.search || query.status ? 'No invoices match these filters.' : 'No supplier invoices yet.'}
      filters={
        <>
          <ListSearch list={list} placeholder="Invoice number or supplier" />
          <ChoiceFilter list={list} name="status" label="Status" anyLabel="Any status" choices={labelChoices(INVOICE_STATUS)} />
        </>
      }
      filtersLabel="Supplier invoice filters"
      exportTo={{
        path: '/api/v1/supplier-invoices/export/',
        query,
        columns: [{ field: 'invoice_number', header: 'Invoice' }, { field: 'supplier_name', header: 'Supplier' }, { field: 'status', header: 'Status' }, { field: 'invoice_date', header: 'Invoice date' }, { field: 'due_date', header: 'Due' }, { field: 'currency', header: 'Currency' }, { field: 'total', header: 'Total' }, { field: 'balance', header: 'Balance' }],
      }}
      pagesLabel="Supplier invoice pages"
    />
  );
}
