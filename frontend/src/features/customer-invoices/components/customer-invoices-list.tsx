import { Link } from 'react-router';

import { ExportMenu } from '@/components/export-menu';
import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatMoney } from '@/lib/format';

import { useCustomerInvoices, type CustomerInvoice, type CustomerInvoiceStatus } from '../api/get-customer-invoices';

import { CustomerInvoiceStatus as StatusBadge } from './invoice-status';

const STATUS_LABELS: Record<CustomerInvoiceStatus, string> = { open: 'Open', partially_paid: 'Partially paid', paid: 'Paid' };
const DEFAULTS = { ordering: '-issue_date' };

export function CustomerInvoicesList({ invoiceHref, caption = 'Customer invoices' }: { invoiceHref: (invoice: CustomerInvoice) => string; caption?: string }) {
  const list = useListParams(DEFAULTS);
  const status = list.get('status');
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering,
    search: list.search || undefined,
    status: status in STATUS_LABELS ? (status as CustomerInvoiceStatus) : undefined,
  };
  const invoices = useCustomerInvoices(query);
  const columns: Column<CustomerInvoice>[] = [
    {
      key: 'number',
      header: 'Invoice',
      sortKey: 'number',
      cell: (i) => (
        <Link to={invoiceHref(i)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          {i.number}
        </Link>
      ),
    },
    { key: 'customer', header: 'Customer', cell: (i) => i.customer_code },
    { key: 'order', header: 'Order', cell: (i) => i.order_number },
    { key: 'status', header: 'Status', cell: (i) => <StatusBadge invoice={i} /> },
    { key: 'issued', header: 'Issued', sortKey: 'issue_date', cell: (i) => formatDate(i.issue_date) },
    { key: 'due', header: 'Due', sortKey: 'due_date', cell: (i) => formatDate(i.due_date) },
    { key: 'total', header: 'Total', sortKey: 'total', align: 'right', cell: (i) => formatMoney(i.total, i.currency) },
    { key: 'balance', header: 'Balance', align: 'right', cell: (i) => formatMoney(i.balance, i.currency) },
  ];
  return (
    <div>
      <FilterBar label="Customer invoice filters">
        <SearchInput label="Search" placeholder="Invoice, order or customer" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Status" value={status} onChange={(value) => list.set({ status: value })}>
          <option value="">Any status</option>
          {(Object.keys(STATUS_LABELS) as CustomerInvoiceStatus[]).map((value) => (
            <option key={value} value={value}>
              {STATUS_LABELS[value]}
            </option>
          ))}
        </LabelledSelect>
      </FilterBar>
      <div className="mb-3 flex justify-end">
        <ExportMenu path="/api/v1/customer-invoices/export/" query={query} noun="customer invoices" columns={[{ field: 'number', header: 'Invoice' }, { field: 'customer_code', header: 'Customer' }, { field: 'order_number', header: 'Order' }, { field: 'status', header: 'Status' }, { field: 'issue_date', header: 'Issued' }, { field: 'due_date', header: 'Due' }, { field: 'currency', header: 'Currency' }, { field: 'total', header: 'Total' }, { field: 'balance', header: 'Balance' }]} />
      </div>
      <Table
        caption={caption}
        columns={columns}
        rows={invoices.data?.results}
        rowKey={(i) => i.id}
        isLoading={invoices.isPending}
        error={invoices.isError ? `Could not load invoices. ${errorMessage(invoices.error)}` : null}
        onRetry={() => void invoices.refetch()}
        emptyMessage={query.search || query.status ? 'No invoices match these filters.' : 'No invoices yet.'}
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={invoices.data?.count} onPageChange={list.setPage} label="Invoice pages" />
    </div>
  );
}
