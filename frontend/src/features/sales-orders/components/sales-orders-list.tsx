import { ChoiceFilter, labelChoices, ListPage, ListSearch, RecordLink } from '@/components/list-page';
import type { Column } from '@/components/ui/table';
import { useListParams } from '@/hooks/use-list-params';
import { formatDate, formatMoney } from '@/lib/format';

import { useSalesOrders, type SalesOrderRow } from '../api/get-sales-orders';
import { SALES_STATUS, SalesStatusBadge } from '../lib/status';

const DEFAULTS = { ordering: '-created_at' };

export function SalesOrdersList({ orderHref, caption = 'Sales orders' }: { orderHref: (order: SalesOrderRow) => string; caption?: string }) {
  const list = useListParams(DEFAULTS);
  const query = {
    ...list.paging,
    status: list.oneOf('status', SALES_STATUS),
  };
  const orders = useSalesOrders(query);
  const columns: Column<SalesOrderRow>[] = [
    { key: 'number', header: 'Number', sortKey: 'number', cell: (o) => <RecordLink to={orderHref(o)}>{o.number}</RecordLink> },
    { key: 'customer', header: 'Customer', cell: (o) => o.customer_name },
    { key: 'status', header: 'Status', sortKey: 'status', cell: (o) => <SalesStatusBadge status={o.status} /> },
    { key: 'date', header: 'Order date', sortKey: 'order_date', cell: (o) => formatDate(o.order_date) },
    { key: 'location', header: 'Ships from', cell: (o) => o.location_code },
    { key: 'total', header: 'Total', sortKey: 'total', align: 'right', cell: (o) => formatMoney(o.total, o.currency) },
  ];
  return (
    <ListPage
      caption={caption}
      list={list}
      query={orders}
      columns={columns}
      noun="sales orders"
      emptyMessage={query.search || query.status ? 'No orders match these filters.' : 'No sales orders yet.'}
      filtersLabel="Sales order filters"
      filters={
        <>
          <ListSearch list={list} placeholder="Number, customer or reference" />
          <ChoiceFilter
            list={list}
            name="status"
            label="Status"
            anyLabel="Any status"
            choices={labelChoices(SALES_STATUS)}
          />
        </>
      }
      exportTo={{
        path: '/api/v1/sales-orders/export/',
        query,
        columns: [{ field: 'number', header: 'Number' }, { field: 'customer_name', header: 'Customer' }, { field: 'status', header: 'Status' }, { field: 'order_date', header: 'Order date' }, { field: 'location_code', header: 'Ships from' }, { field: 'currency', header: 'Currency' }, { field: 'total', header: 'Total' }],
      }}
      pagesLabel="Sales order pages"
    />
  );
}
