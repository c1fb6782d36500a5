import { Link } from 'react-router';

import { ExportMenu } from '@/components/export-menu';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { FilterBar } from '@/components/ui/filter-bar';
import { Table, type Column } from '@/components/ui/table';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatDate } from '@/lib/format';
import { Badge } from '@/components/ui/badge';

import { useShipments } from '../api/get-shipments';
import type { Shipment } from '../api/ship-order';

const DEFAULTS = { ordering: '-ship_date' };

export function ShipmentsList({ orderHref }: { orderHref: (shipment: Shipment) => string }) {
  const list = useListParams(DEFAULTS);
  const query = { page: list.page, page_size: PAGE_SIZE, ordering: list.ordering, search: list.search || undefined };
  const shipments = useShipments(query);
  const columns: Column<Shipment>[] = [
    { key: 'number', header: 'Shipment', sortKey: 'number', cell: (s) => s.number },
    {
      key: 'order',
      header: 'Order',
      cell: (s) => (
        <Link to={orderHref(s)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          {s.order_number}
        </Link>
      ),
    },
    { key: 'carrier', header: 'Carrier', cell: (s) => s.carrier_name || '—' },
    { key: 'tracking', header: 'Tracking', cell: (s) => s.tracking_number || '—' },
    { key: 'date', header: 'Shipped', sortKey: 'ship_date', cell: (s) => formatDate(s.ship_date) },
    { key: 'status', header: 'Status', cell: (s) => <Badge tone={s.status === 'delivered' ? 'success' : 'info'}>{s.status === 'delivered' ? 'Delivered' : 'Shipped'}</Badge> },
  ];
  return (
    <div>
      <FilterBar label="Shipment filters">
        <SearchInput label="Search" placeholder="Shipment, order or tracking number" value={list.search} onSearch={(search) => list.set({ search })} />
      </FilterBar>
      <div className="mb-3 flex justify-end">
        <ExportMenu path="/api/v1/shipments/export/" query={query} noun="shipments" columns={[{ field: 'number', header: 'Shipment' }, { field: 'order_number', header: 'Order' }, { field: 'carrier_name', header: 'Carrier' }, { field: 'tracking_number', header: 'Tracking' }, { field: 'ship_date', header: 'Shipped' }, { field: 'status', header: 'Status' }]} />
      </div>
      <Table
        caption="Shipments"
        columns={columns}
        rows={shipments.data?.results}
        rowKey={(s) => s.id}
        isLoading={shipments.isPending}
        error={shipments.isError ? `Could not load shipments. ${errorMessage(shipments.error)}` : null}
        onRetry={() => void shipments.refetch()}
        emptyMessage={query.search ? 'No shipments match.' : 'Nothing shipped yet.'}
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={shipments.data?.count} onPageChange={list.setPage} label="Shipment pages" />
    </div>
  );
}
