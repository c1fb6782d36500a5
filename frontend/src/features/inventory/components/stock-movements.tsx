import { useId } from 'react';

import { ExportMenu } from '@/components/export-menu';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FilterBar } from '@/components/ui/filter-bar';
import { Input } from '@/components/ui/input';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime, formatMoney, formatQuantity } from '@/lib/format';
import { numberParam } from '@/lib/query-string';

import { useLocations } from '../api/get-locations';
import { MOVEMENT_KIND_LABELS, useStockMovements, type MovementKind, type StockMovement } from '../api/get-stock-movements';

const NO_DEFAULTS = {};
const KINDS = Object.keys(MOVEMENT_KIND_LABELS) as MovementKind[];

function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <Input id={id} type="date" value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

export function StockMovements({ currency }: { currency: string }) {
  const list = useListParams(NO_DEFAULTS);
  const locations = useLocations();
  const kind = list.get('kind');
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering ?? '-occurred_at',
    search: list.search || undefined,
    location: numberParam(list.get('location')),
    product: list.get('product') || undefined,
    kind: (KINDS as string[]).includes(kind) ? [kind as MovementKind] : undefined,
    date_from: list.get('from') || undefined,
    date_to: list.get('to') || undefined,
  };
  const movements = useStockMovements(query);
  const productSku = movements.data?.results[0]?.product_sku;

  const columns: Column<StockMovement>[] = [
    { key: 'when', header: 'When', sortKey: 'occurred_at', cell: (m) => <span className="whitespace-nowrap">{formatDateTime(m.occurred_at)}</span> },
    { key: 'kind', header: 'Kind', cell: (m) => <Badge tone={m.quantity.startsWith('-') ? 'warning' : 'info'}>{MOVEMENT_KIND_LABELS[m.kind]}</Badge> },
    { key: 'product', header: 'Product', cell: (m) => m.product_sku },
    { key: 'location', header: 'Location', cell: (m) => m.location_code },
    { key: 'quantity', header: 'Quantity', sortKey: 'quantity', align: 'right', cell: (m) => formatQuantity(m.quantity, m.unit) },
    { key: 'after', header: 'On hand after', align: 'right', cell: (m) => formatQuantity(m.on_hand_after, m.unit) },
    { key: 'value', header: 'Value', sortKey: 'value', align: 'right', cell: (m) => formatMoney(m.value, currency) },
    {
      key: 'source',
      header: 'Source / reason',
      cell: (m) => (
        <span>
          {m.source_number || (m.source_type === 'manual' ? 'Manual' : m.source_type)}
          {m.reason ? <span className="block text-xs text-slate-600 dark:text-slate-400">{m.reason}</span> : null}
        </span>
      ),
    },
    { key: 'actor', header: 'By', cell: (m) => m.actor_email || '—' },
  ];

  return (
    <div>
      <FilterBar label="Movement filters">
        <SearchInput label="Search" placeholder="SKU, document or reason" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Kind" value={kind} onChange={(value) => list.set({ kind: value })}>
          <option value="">All kinds</option>
          {KINDS.map((value) => (
            <option key={value} value={value}>
              {MOVEMENT_KIND_LABELS[value]}
            </option>
          ))}
        </LabelledSelect>
        <LabelledSelect label="Location" value={list.get('location')} onChange={(location) => list.set({ location })}>
          <option value="">All locations</option>
          {(locations.data ?? []).map((location) => (
            <option key={location.id} value={location.id}>
              {location.code} — {location.name}
            </option>
          ))}
        </LabelledSelect>
        <DateFilter label="From" value={list.get('from')} onChange={(from) => list.set({ from })} />
        <DateFilter label="To" value={list.get('to')} onChange={(to) => list.set({ to })} />
      </FilterBar>
      {query.product ? (
        <p className="mb-3 flex flex-wrap items-center gap-2 text-sm">
          Showing one product{productSku ? ` (${productSku})` : ''}.
          <Button size="sm" variant="ghost" onClick={() => list.set({ product: undefined })}>
            Show all products
          </Button>
        </p>
      ) : null}
      <div className="mb-3 flex justify-end">
        <ExportMenu path="/api/v1/stock-movements/export/" query={query} noun="stock movements" columns={[{ field: 'occurred_at', header: 'When' }, { field: 'kind', header: 'Kind' }, { field: 'product_sku', header: 'Product' }, { field: 'location_code', header: 'Location' }, { field: 'quantity', header: 'Quantity' }, { field: 'unit', header: 'Unit' }, { field: 'on_hand_after', header: 'On hand after' }, { field: 'value', header: 'Value' }, { field: 'source_number', header: 'Source' }, { field: 'reason', header: 'Reason' }, { field: 'actor_email', header: 'By' }]} />
      </div>
      <Table
        caption="Stock movements"
        columns={columns}
        rows={movements.data?.results}
        rowKey={(m) => m.id}
        isLoading={movements.isPending}
        error={movements.isError ? `Could not load movements. ${errorMessage(movements.error)}` : null}
        onRetry={() => void movements.refetch()}
        emptyMessage="No movements match these filters."
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={movements.data?.count} onPageChange={list.setPage} label="Movement pages" />
    </div>
  );
}
