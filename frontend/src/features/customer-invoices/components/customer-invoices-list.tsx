import { ChoiceFilter, ListPage, ListSearch, RecordLink } from '@/components/list-page';
import type { Column } from '@/components/ui/table';
import { useListParams } from '@/hooks/use-list-params';
import { formatDate, formatMoney } from '@/lib/format';

import { useCustomerInvoices, type CustomerInvoice, type CustomerInvoiceStatus } from '../api/get-customer-invoices';

import { CustomerInvoiceStatus as StatusBadge } from './invoice-status';

const STATUS_LABELS: Record<CustomerInvoiceStatus, string> = { open: 'Open', partially_paid: 'Partially paid', paid: 'Paid' };
const DEFAULTS = { ordering: '-issue_date' };

export function CustomerInvoicesList({ invoiceHref, caption = 'Customer invoices' }: { invoiceHref: (invoice: CustomerInvoice) => string; caption?: string }) {
  const list = useListParams(DEFAULTS);
  const query = {
    ...list.paging,
    status: list.oneOf('status', STATUS_LABELS),
  };
  const invoices = useCustomerInvoices(query);
  const columns: Column<CustomerInvoice>[] = [
    { key: 'number', header: 'Invoice', sortKey: 'number', cell: (i) => <RecordLink to={invoiceHref(i)}>{i.number}</RecordLink> },
    { key: 'customer', header: 'Customer', cell: (i) => i.customer_code },
    { key: 'order', header: 'Order', cell: (i) => i.order_number },
    { key: 'status', header: 'Status', cell: (i) => <StatusBadge invoice={i} /> },
    { key: 'issued', header: 'Issued', sortKey: 'issue_date', cell: (i) => formatDate(i.issue_date) },
    { key: 'due', header: 'Due', sortKey: 'due_date', cell: (i) => formatDate(i.due_date) },
    { key: 'total', header: 'Total', sortKey: 'total', align: 'right', cell: (i) => formatMoney(i.total, i.currency) },
    { key: 'balance', header: 'Balance', align: 'right', cell: (i) => formatMoney(i.balance, i.currency) },
  ];
  return (
    <ListPage
      caption={caption}
      list={list}
      query={invoices}
      columns={columns}
      noun="invoices"
      emptyMessage={query.search || query.status ? 'No invoices match these filters.' : 'No invoices yet.'}
      filtersLabel="Customer invoice filters"
      filters={
        <>
          <ListSearch list={list} placeholder="Invoice, order or customer" />
          <ChoiceFilter list={list} name="status" label="Status" anyLabel="Any status" choices={Object.entries(STATUS_LABELS)} />
        </>
      }
      exportTo={{
        path: '/api/v1/customer-invoices/export/',
        query,
        noun: 'customer invoices',
        columns: [{ field: 'number', header: 'Invoice' }, { field: 'customer_code', header: 'Customer' }, { field: 'order_number', header: 'Order' }, { field: 'status', header: 'Status' }, { field: 'issue_date', header: 'Issued' }, { field: 'due_date', header: 'Due' }, { field: 'currency', header: 'Currency' }, { field: 'total', header: 'Total' }, { field: 'balance', header: 'Balance' }],
      }}
      pagesLabel="Invoice pages"
    />
  );
}
