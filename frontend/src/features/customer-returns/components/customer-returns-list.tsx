import { Link } from 'react-router';

import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatDate } from '@/lib/format';

import { RETURN_REASONS, RETURN_STATUS_LABELS, useCustomerReturns, type CustomerReturn, type CustomerReturnStatus } from '../api/get-customer-returns';

import { CustomerReturnStatusBadge } from './customer-return-status';

const DEFAULTS = { ordering: '-authorised_on' };

export function CustomerReturnsList({ returnHref }: { returnHref: (value: CustomerReturn) => string }) {
  const list = useListParams(DEFAULTS);
  const status = list.get('status');
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering,
    search: list.search || undefined,
    status: status in RETURN_STATUS_LABELS ? (status as CustomerReturnStatus) : undefined,
  };
  const returns = useCustomerReturns(query);
  const columns: Column<CustomerReturn>[] = [
    {
      key: 'number',
      header: 'Return',
      sortKey: 'number',
      cell: (r) => (
        <Link to={returnHref(r)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          {r.number}
        </Link>
      ),
    },
    { key: 'customer', header: 'Customer', cell: (r) => r.customer_name },
    { key: 'invoice', header: 'Invoice', cell: (r) => r.invoice_number },
    { key: 'reason', header: 'Reason', cell: (r) => RETURN_REASONS[r.reason] },
    { key: 'status', header: 'Status', cell: (r) => <CustomerReturnStatusBadge status={r.status} /> },
    { key: 'authorised', header: 'Authorised', sortKey: 'authorised_on', cell: (r) => formatDate(r.authorised_on) },
    { key: 'credit', header: 'Credit note', cell: (r) => r.credit_note_number || '—' },
  ];
  return (
    <div>
      <FilterBar label="Customer return filters">
        <SearchInput label="Search" placeholder="Return, invoice, order or customer" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Status" value={status} onChange={(value) => list.set({ status: value })}>
          <option value="">Any status</option>
          {(Object.keys(RETURN_STATUS_LABELS) as CustomerReturnStatus[]).map((value) => (
            <option key={value} value={value}>
              {RETURN_STATUS_LABELS[value]}
            </option>
          ))}
        </LabelledSelect>
      </FilterBar>
      <Table
        caption="Customer returns"
        columns={columns}
        rows={returns.data?.results}
        rowKey={(r) => r.id}
        isLoading={returns.isPending}
        error={returns.isError ? `Could not load returns. ${errorMessage(returns.error)}` : null}
        onRetry={() => void returns.refetch()}
        emptyMessage={query.search || query.status ? 'No returns match these filters.' : 'No customer returns yet. Authorise one from an invoice.'}
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={returns.data?.count} onPageChange={list.setPage} label="Return pages" />
    </div>
  );
}
