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

import { useSalesOrders, type SalesOrderRow, type SalesOrderStatus } from '../api/get-sales-orders';
import { SALES_STATUS, SalesStatusBadge } from '../lib/status';

const DEFAULTS = { ordering: '-created_at' };

export function SalesOrdersList({ orderHref, caption = 'Sales orders' }: { orderHref: (order: SalesOrderRow) => string; caption?: string }) {
  const list = useListParams(DEFAULTS);
  const status = list.get('status');
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering,
    search: list.search || undefined,
    status: status in SALES_STATUS ? (status as SalesOrderStatus) : undefined,
  };
  const orders = useSalesOrders(query);
  const columns: Column<SalesOrderRow>[] = [
    {
      key: 'number',
      header: 'Number',
      sortKey: 'number',
      cell: (o) => (
        <Link to={orderHref(o)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          {o.number}
        </Link>
      ),
    },
    { key: 'customer', header: 'Customer', cell: (o) => o.customer_name },
    { key: 'status', header: 'Status', sortKey: 'status', cell: (o) => <SalesStatusBadge status={o.status} /> },
    { key: 'date', header: 'Order date', sortKey: 'order_date', cell: (o) => formatDate(o.order_date) },
    { key: 'location', header: 'Ships from', cell: (o) => o.location_code },
    { key: 'total', header: 'Total', sortKey: 'total', align: 'right', cell: (o) => formatMoney(o.total, o.currency) },
  ];
  return (
    <div>
      <FilterBar label="Sales order filters">
        <SearchInput label="Search" placeholder="Number, customer or reference" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Status" value={status} onChange={(value) => list.set({ status: value })}>
          <option value="">Any status</option>
          {(Object.keys(SALES_STATUS) as SalesOrderStatus[]).map((value) => (
            <option key={value} value={value}>
              {SALES_STATUS[value].label}
            </option>
          ))}
        </LabelledSelect>
      </FilterBar>
      <div className="mb-3 flex justify-end">
        <ExportMenu path="/api/v1/sales-orders/export/" query={query} noun="sales orders" columns={[{ field: 'number', header: 'Number' }, { field: 'customer_name', header: 'Customer' }, { field: 'status', header: 'Status' }, { field: 'order_date', header: 'Order date' }, { field: 'location_code', header: 'Ships from' }, { field: 'currency', header: 'Currency' }, { field: 'total', header: 'Total' }]} />
      </div>
      <Table
        caption={caption}
        columns={columns}
        rows={orders.data?.results}
        rowKey={(o) => o.id}
        isLoading={orders.isPending}
        error={orders.isError ? `Could not load sales orders. ${errorMessage(orders.error)}` : null}
        onRetry={() => void orders.refetch()}
        emptyMessage={query.search || query.status ? 'No orders match these filters.' : 'No sales orders yet.'}
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={orders.data?.count} onPageChange={list.setPage} label="Sales order pages" />
    </div>
  );
}
