import { ListPage, ListSearch, RecordLink } from '@/components/list-page';
import { Badge } from '@/components/ui/badge';
import type { Column } from '@/components/ui/table';
import { useListParams } from '@/hooks/use-list-params';
import { formatDate } from '@/lib/format';

import { useShipments } from '../api/get-shipments';
import type { Shipment } from '../api/ship-order';

const DEFAULTS = { ordering: '-ship_date' };

export function ShipmentsList({ orderHref }: { orderHref: (shipment: Shipment) => string }) {
  const list = useListParams(DEFAULTS);
  const query = list.paging;
  const shipments = useShipments(query);
  const columns: Column<Shipment>[] = [
    { key: 'number', header: 'Shipment', sortKey: 'number', cell: (s) => s.number },
    { key: 'order', header: 'Order', cell: (s) => <RecordLink to={orderHref(s)}>{s.order_number}</RecordLink> },
    { key: 'carrier', header: 'Carrier', cell: (s) => s.carrier_name || '—' },
    { key: 'tracking', header: 'Tracking', cell: (s) => s.tracking_number || '—' },
    { key: 'date', header: 'Shipped', sortKey: 'ship_date', cell: (s) => formatDate(s.ship_date) },
    { key: 'status', header: 'Status', cell: (s) => <Badge tone={s.status === 'delivered' ? 'success' : 'info'}>{s.status === 'delivered' ? 'Delivered' : 'Shipped'}</Badge> },
  ];
  return (
    <ListPage
      caption="Shipments"
      list={list}
      query={shipments}
      columns={columns}
      noun="shipments"
      emptyMessage={query.search ? 'No shipments match.' : 'Nothing shipped yet.'}
      filtersLabel="Shipment filters"
      filters={<ListSearch list={list} placeholder="Shipment, order or tracking number" />}
      exportTo={{
        path: '/api/v1/shipments/export/',
        query,
        columns: [{ field: 'number', header: 'Shipment' }, { field: 'order_number', header: 'Order' }, { field: 'carrier_name', header: 'Carrier' }, { field: 'tracking_number', header: 'Tracking' }, { field: 'ship_date', header: 'Shipped' }, { field: 'status', header: 'Status' }],
      }}
      pagesLabel="Shipment pages"
    />
  );
}
