import { ExportMenu } from '@/components/export-menu';
import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table } from '@/components/ui/table';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatQuantity } from '@/lib/format';
import { numberParam } from '@/lib/query-string';

import { useLocations } from '../api/get-locations';
import { useLowStock, type LowStock } from '../api/get-low-stock';

const NO_DEFAULTS = {};

export function LowStockList() {
  const list = useListParams(NO_DEFAULTS);
  const locations = useLocations();
  const query = { page: list.page, page_size: PAGE_SIZE, search: list.search || undefined, location: numberParam(list.get('location')) };
  const low = useLowStock(query);
  return (
    <div>
      <FilterBar label="Low stock filters">
        <SearchInput label="Search" placeholder="SKU or product name" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Location" value={list.get('location')} onChange={(location) => list.set({ location })}>
          <option value="">All locations</option>
          {(locations.data ?? []).map((location) => (
            <option key={location.id} value={location.id}>
              {location.code} — {location.name}
            </option>
          ))}
        </LabelledSelect>
      </FilterBar>
      <div className="mb-3 flex justify-end">
        <ExportMenu
          path="/api/v1/stock/low/export/"
          query={query}
          noun="low stock"
          columns={[
            { field: 'product_sku', header: 'SKU' },
            { field: 'product_name', header: 'Product' },
            { field: 'location_code', header: 'Location' },
            { field: 'on_hand', header: 'On hand' },
            { field: 'available', header: 'Available' },
            { field: 'reorder_point', header: 'Reorder point' },
            { field: 'reorder_quantity', header: 'Reorder quantity' },
            { field: 'unit', header: 'Unit' },
          ]}
        />
      </div>
      <Table
        caption="Low stock"
        columns={[
          {
            key: 'product',
            header: 'Product',
            cell: (row: LowStock) => (
              <div>
                <span className="font-medium">{row.product_sku}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{row.product_name}</span>
              </div>
            ),
          },
          { key: 'location', header: 'Location', cell: (row: LowStock) => row.location_code },
          { key: 'on_hand', header: 'On hand', align: 'right', cell: (row: LowStock) => formatQuantity(row.on_hand, row.unit) },
          { key: 'available', header: 'Available', align: 'right', cell: (row: LowStock) => formatQuantity(row.available, row.unit) },
          { key: 'reorder_point', header: 'Reorder point', align: 'right', cell: (row: LowStock) => formatQuantity(row.reorder_point, row.unit) },
          { key: 'reorder_quantity', header: 'Reorder quantity', align: 'right', cell: (row: LowStock) => formatQuantity(row.reorder_quantity, row.unit) },
        ]}
        rows={low.data?.results}
        rowKey={(row) => row.id}
        isLoading={low.isPending}
        error={low.isError ? `Could not load low stock. ${errorMessage(low.error)}` : null}
        onRetry={() => void low.refetch()}
        emptyMessage="Nothing is below its reorder point."
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={low.data?.count} onPageChange={list.setPage} label="Low stock pages" />
    </div>
  );
}
