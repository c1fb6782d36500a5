import { ChoiceFilter, labelChoices, ListPage, ListSearch, RecordLink } from '@/components/list-page';
import type { Column } from '@/components/ui/table';
import { useListParams } from '@/hooks/use-list-params';
import { formatDate, formatMoney } from '@/lib/format';

import { usePurchaseOrders, type PurchaseOrder } from '../api/get-purchase-orders';
import { ORDER_STATUS, OrderStatusBadge, receivedPercent } from '../lib/status';

const DEFAULTS = { ordering: '-created_at' };

function orderProgress(order: PurchaseOrder): number {
  const ordered = order.lines.reduce((sum, line) => sum + Number(line.quantity), 0);
  const received = order.lines.reduce((sum, line) => sum + Number(line.quantity_received), 0);
  return receivedPercent(String(received), String(ordered));
}

export function PurchaseOrdersList({ orderHref }: { orderHref: (order: PurchaseOrder) => string }) {
  const list = useListParams(DEFAULTS);
  const query = {
    ...list.paging,
    status: list.oneOf('status', ORDER_STATUS),
  };
  const orders = usePurchaseOrders(query);
  const columns: Column<PurchaseOrder>[] = [
    { key: 'number', header: 'Number', sortKey: 'number', cell: (o) => <RecordLink to={orderHref(o)}>{o.number}</RecordLink> },
    { key: 'supplier', header: 'Supplier', cell: (o) => o.supplier_name },
    { key: 'status', header: 'Status', cell: (o) => <OrderStatusBadge status={o.status} /> },
    { key: 'ship_to', header: 'Ship to', cell: (o) => o.ship_to_code },
    { key: 'expected', header: 'Expected', sortKey: 'expected_date', cell: (o) => (o.expected_date ? formatDate(o.expected_date) : '—') },
    { key: 'received', header: 'Received', align: 'right', cell: (o) => `${orderProgress(o)}%` },
    { key: 'total', header: 'Total', sortKey: 'total', align: 'right', cell: (o) => formatMoney(o.total, o.currency) },
  ];
  return (
    <ListPage
      caption="Purchase orders"
      list={list}
      query={orders}
      columns={columns}
      noun="purchase orders"
      emptyMessage={query.search || query.status ? 'No orders match these filters.' : 'No purchase orders yet.'}
      filtersLabel="Purchase order filters"
      filters={
        <>
          <ListSearch list={list} placeholder="Number or supplier" />
          <ChoiceFilter list={list} name="status" label="Status" anyLabel="Any status" choices={labelChoices(ORDER_STATUS)} />
        </>
      }
      exportTo={{
        path: '/api/v1/purchase-orders/export/',
        query,
        columns: [{ field: 'number', header: 'Number' }, { field: 'supplier_name', header: 'Supplier' }, { field: 'status', header: 'Status' }, { field: 'ship_to_code', header: 'Ship to' }, { field: 'expected_date', header: 'Expected' }, { field: 'currency', header: 'Currency' }, { field: 'total', header: 'Total' }],
      }}
      pagesLabel="Purchase order pages"
    />
  );
}
