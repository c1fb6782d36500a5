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

import { useSupplierInvoices, type SupplierInvoice, type SupplierInvoiceStatus } from '../api/get-supplier-invoices';
import { INVOICE_STATUS, InvoiceStatusBadge } from '../lib/status';

const DEFAULTS = { ordering: '-created_at' };

export function SupplierInvoicesList({ invoiceHref }: { invoiceHref: (invoice: SupplierInvoice) => string }) {
  const list = useListParams(DEFAULTS);
  const status = list.get('status');
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering,
    search: list.search || undefined,
    status: status in INVOICE_STATUS ? (status as SupplierInvoiceStatus) : undefined,
  };
  const invoices = useSupplierInvoices(query);
  const columns: Column<SupplierInvoice>[] = [
    {
      key: 'number',
      header: 'Invoice',
      cell: (i) => (
        <Link to={invoiceHref(i)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          {i.invoice_number}
        </Link>
      ),
    },
    { key: 'supplier', header: 'Supplier', cell: (i) => i.supplier_name },
    { key: 'status', header: 'Status', cell: (i) => <InvoiceStatusBadge status={i.status} /> },
    { key: 'date', header: 'Invoice date', sortKey: 'invoice_date', cell: (i) => formatDate(i.invoice_date) },
    { key: 'due', header: 'Due', sortKey: 'due_date', cell: (i) => (i.due_date ? formatDate(i.due_date) : '—') },
    { key: 'total', header: 'Total', sortKey: 'total', align: 'right', cell: (i) => formatMoney(i.total, i.currency) },
    { key: 'balance', header: 'Balance', align: 'right', cell: (i) => formatMoney(i.balance, i.currency) },
  ];
  return (
    <div>
      <FilterBar label="Supplier invoice filters">
        <SearchInput label="Search" placeholder="Invoice number or supplier" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Status" value={status} onChange={(value) => list.set({ status: value })}>
          <option value="">Any status</option>
          {(Object.keys(INVOICE_STATUS) as SupplierInvoiceStatus[]).map((value) => (
            <option key={value} value={value}>
              {INVOICE_STATUS[value].label}
            </option>
          ))}
        </LabelledSelect>
      </FilterBar>
      <div className="mb-3 flex justify-end">
        <ExportMenu path="/api/v1/supplier-invoices/export/" query={query} noun="supplier invoices" columns={[{ field: 'invoice_number', header: 'Invoice' }, { field: 'supplier_name', header: 'Supplier' }, { field: 'status', header: 'Status' }, { field: 'invoice_date', header: 'Invoice date' }, { field: 'due_date', header: 'Due' }, { field: 'currency', header: 'Currency' }, { field: 'total', header: 'Total' }, { field: 'balance', header: 'Balance' }]} />
      </div>
      <Table
        caption="Supplier invoices"
        columns={columns}
        rows={invoices.data?.results}
        rowKey={(i) => i.id}
        isLoading={invoices.isPending}
        error={invoices.isError ? `Could not load supplier invoices. ${errorMessage(invoices.error)}` : null}
        onRetry={() => void invoices.refetch()}
        emptyMessage={query.search || query.status ? 'No invoices match these filters.' : 'No supplier invoices yet.'}
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={invoices.data?.count} onPageChange={list.setPage} label="Supplier invoice pages" />
    </div>
  );
}
