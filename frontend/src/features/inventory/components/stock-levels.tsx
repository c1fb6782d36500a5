import { useState } from 'react';
import { Link } from 'react-router';

import { ExportMenu } from '@/components/export-menu';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Modal } from '@/components/ui/modal';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatMoney, formatQuantity } from '@/lib/format';
import { numberParam } from '@/lib/query-string';

import { useLocations } from '../api/get-locations';
import { useStockLevels, type StockLevel } from '../api/get-stock-levels';
import { STOCK_ACTION_LABELS, type StockAction } from '../api/post-stock-action';
import { isLow } from '../lib/stock';

import { StockActionForm, type StockActionPreset } from './stock-action-form';

const NO_DEFAULTS = {};

interface Dialog {
  action: StockAction;
  preset?: StockActionPreset;
}

export function StockLevels({ canMove, currency, movementsHref }: { canMove: boolean; currency: string; movementsHref: (level: StockLevel) => string }) {
  const list = useListParams(NO_DEFAULTS);
  const locations = useLocations();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering ?? 'product__sku',
    search: list.search || undefined,
    location: numberParam(list.get('location')),
    below_reorder: list.get('low') === 'true' ? 'true' : undefined,
  };
  const levels = useStockLevels(query);

  const open = (action: StockAction, level: StockLevel) =>
    setDialog({
      action,
      preset: {
        product: {
          id: level.product,
          sku: level.product_sku,
          name: level.product_name,
          unit: level.unit,
          lotTracked: level.lot_tracked,
          catchWeight: level.catch_weight,
          weightUnit: level.weight_unit,
        },
        location: level.location,
        onHand: formatQuantity(level.on_hand, level.unit) + (level.catch_weight ? `, ${formatQuantity(level.weight_on_hand, level.weight_unit)}` : ''),
      },
    });

  const columns: Column<StockLevel>[] = [
    {
      key: 'product',
      header: 'Product',
      sortKey: 'product__sku',
      cell: (level) => (
        <div>
          <span className="whitespace-nowrap font-medium">{level.product_sku}</span>
          <span className="block min-w-40 text-xs text-slate-600 dark:text-slate-400">{level.product_name}</span>
        </div>
      ),
    },
    { key: 'location', header: 'Location', sortKey: 'location__code', cell: (level) => level.location_code },
    {
      key: 'on_hand',
      header: 'On hand',
      sortKey: 'on_hand',
      align: 'right',
      cell: (level) => (
        <span data-testid={`on-hand-${level.product_sku}-${level.location_code}`}>{formatQuantity(level.on_hand, level.unit)}</span>
      ),
    },
    { key: 'reserved', header: 'Reserved', align: 'right', cell: (level) => formatQuantity(level.reserved, level.unit) },
    {
      key: 'available',
      header: 'Available',
      align: 'right',
      cell: (level) => (
        <span className="inline-flex items-center gap-2">
          {isLow(level) ? <Badge tone="warning">Low</Badge> : null}
          {formatQuantity(level.available, level.unit)}
        </span>
      ),
    },
    { key: 'cost', header: 'Avg. cost', align: 'right', cell: (level) => formatMoney(level.average_cost, currency) },
    { key: 'value', header: 'Value', sortKey: 'value', align: 'right', cell: (level) => formatMoney(level.value, currency) },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      cell: (level) => (
        <div className="flex gap-1 whitespace-nowrap">
          <Link
            to={movementsHref(level)}
            className="inline-flex h-8 items-center rounded-md px-2 text-sm text-brand-700 hover:bg-slate-100 dark:text-brand-500 dark:hover:bg-slate-800"
            aria-label={`History of ${level.product_sku} at ${level.location_code}`}
          >
            History
          </Link>
          {canMove ? (
            <>
              <Button size="sm" variant="ghost" onClick={() => open('adjustment', level)} aria-label={`Adjust ${level.product_sku} at ${level.location_code}`}>
                Adjust
              </Button>
              <Button size="sm" variant="ghost" onClick={() => open('count', level)} aria-label={`Count ${level.product_sku} at ${level.location_code}`}>
                Count
              </Button>
              <Button size="sm" variant="ghost" onClick={() => open('transfer', level)} aria-label={`Transfer ${level.product_sku} from ${level.location_code}`}>
                Transfer
              </Button>
            </>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <div>
      <FilterBar label="Stock filters">
        <SearchInput label="Search" placeholder="SKU or product name" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Location" value={list.get('location')} onChange={(location) => list.set({ location })}>
          <option value="">All locations</option>
          {(locations.data ?? []).map((location) => (
            <option key={location.id} value={location.id}>
              {location.code} — {location.name}
            </option>
          ))}
        </LabelledSelect>
        <Checkbox
          className="h-10"
          label="At or below reorder point"
          checked={list.get('low') === 'true'}
          onChange={(event) => list.set({ low: event.target.checked ? 'true' : undefined })}
        />
      </FilterBar>
      {canMove ? (
        <div className="mb-3 flex flex-wrap justify-end gap-2">
          <Button size="sm" variant="secondary" onClick={() => setDialog({ action: 'transfer' })}>
            Transfer stock
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setDialog({ action: 'adjustment' })}>
            Adjust stock
          </Button>
          <Button size="sm" onClick={() => setDialog({ action: 'receipt' })}>
            Receive stock
          </Button>
        </div>
      ) : null}
      <div className="mb-3 flex justify-end">
        <ExportMenu path="/api/v1/stock-levels/export/" query={query} noun="stock levels" columns={[{ field: 'product_sku', header: 'SKU' }, { field: 'product_name', header: 'Product' }, { field: 'location_code', header: 'Location' }, { field: 'on_hand', header: 'On hand' }, { field: 'unit', header: 'Unit' }, { field: 'reserved', header: 'Reserved' }, { field: 'available', header: 'Available' }, { field: 'average_cost', header: 'Avg. cost' }, { field: 'value', header: 'Value' }]} />
      </div>
      <Table
        caption="Stock levels"
        columns={columns}
        rows={levels.data?.results}
        rowKey={(level) => level.id}
        isLoading={levels.isPending}
        error={levels.isError ? `Could not load stock levels. ${errorMessage(levels.error)}` : null}
        onRetry={() => void levels.refetch()}
        emptyMessage={query.search || query.location || query.below_reorder ? 'No stock matches these filters.' : 'No stock on record yet.'}
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={levels.data?.count} onPageChange={list.setPage} label="Stock level pages" />
      <Modal open={dialog !== null} onClose={() => setDialog(null)} title={dialog ? STOCK_ACTION_LABELS[dialog.action] : ''} size="lg">
        {dialog ? (
          <StockActionForm
            action={dialog.action}
            preset={dialog.preset}
            onCancel={() => setDialog(null)}
            onDone={(result) => {
              const count = result.movements.length;
              toast.success(`${STOCK_ACTION_LABELS[dialog.action].replace(/ stock$/, '')}: ${count} ${count === 1 ? 'movement' : 'movements'} posted.`);
              setDialog(null);
            }}
          />
        ) : null}
      </Modal>
    </div>
  );
}
