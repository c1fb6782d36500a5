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

import { usePurchaseOrders, type PurchaseOrder, type PurchaseOrderStatus } from '../api/get-purchase-orders';
import { ORDER_STATUS, OrderStatusBadge, receivedPercent } from '../lib/status';

const DEFAULTS = { ordering: '-created_at' };

function orderProgress(order: PurchaseOrder): number {
  const ordered = order.lines.reduce((sum, line) => sum + Number(line.quantity), 0);
  const received = order.lines.reduce((sum, line) => sum + Number(line.quantity_received), 0);
  return receivedPercent(String(received), String(ordered));
}

export function PurchaseOrdersList({ orderHref }: { orderHref: (order: PurchaseOrder) => string }) {
  const list = useListParams(DEFAULTS);
  const status = list.get('status');
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering,
    search: list.search || undefined,
    status: status in ORDER_STATUS ? (status as PurchaseOrderStatus) : undefined,
  };
  const orders = usePurchaseOrders(query);
  const columns: Column<PurchaseOrder>[] = [
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
    { key: 'supplier', header: 'Supplier', cell: (o) => o.supplier_name },
    { key: 'status', header: 'Status', cell: (o) => <OrderStatusBadge status={o.status} /> },
    { key: 'ship_to', header: 'Ship to', cell: (o) => o.ship_to_code },
    { key: 'expected', header: 'Expected', sortKey: 'expected_date', cell: (o) => (o.expected_date ? formatDate(o.expected_date) : '—') },
    { key: 'received', header: 'Received', align: 'right', cell: (o) => `${orderProgress(o)}%` },
    { key: 'total', header: 'Total', sortKey: 'total', align: 'right', cell: (o) => formatMoney(o.total, o.currency) },
  ];
  return (
    <div>
      <FilterBar label="Purchase order filters">
        <SearchInput label="Search" placeholder="Number or supplier" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Status" value={status} onChange={(value) => list.set({ status: value })}>
          <option value="">Any status</option>
          {(Object.keys(ORDER_STATUS) as PurchaseOrderStatus[]).map((value) => (
            <option key={value} value={value}>
              {ORDER_STATUS[value].label}
            </option>
          ))}
        </LabelledSelect>
      </FilterBar>
      <div className="mb-3 flex justify-end">
        <ExportMenu path="/api/v1/purchase-orders/export/" query={query} noun="purchase orders" columns={[{ field: 'number', header: 'Number' }, { field: 'supplier_name', header: 'Supplier' }, { field: 'status', header: 'Status' }, { field: 'ship_to_code', header: 'Ship to' }, { field: 'expected_date', header: 'Expected' }, { field: 'currency', header: 'Currency' }, { field: 'total', header: 'Total' }]} />
      </div>
      <Table
        caption="Purchase orders"
        columns={columns}
        rows={orders.data?.results}
        rowKey={(o) => o.id}
        isLoading={orders.isPending}
        error={orders.isError ? `Could not load purchase orders. ${errorMessage(orders.error)}` : null}
        onRetry={() => void orders.refetch()}
        emptyMessage={query.search || query.status ? 'No orders match these filters.' : 'No purchase orders yet.'}
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={orders.data?.count} onPageChange={list.setPage} label="Purchase order pages" />
    </div>
  );
}
