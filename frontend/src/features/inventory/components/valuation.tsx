import { useState } from 'react';

import { ExportMenu } from '@/components/export-menu';
import { Card } from '@/components/ui/card';
import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { QueryState } from '@/components/ui/query-state';
import { Table } from '@/components/ui/table';
import { formatMoney, formatQuantity } from '@/lib/format';

import { useLocations } from '../api/get-locations';
import { useValuation, type Valuation } from '../api/get-valuation';

type ByLocation = Valuation['by_location'][number];
type ByProduct = Valuation['by_product'][number];

/** Book value at moving average cost: the total, per location and per product. */
export function StockValuation() {
  const [location, setLocation] = useState('');
  const locations = useLocations();
  const valuation = useValuation(location ? Number(location) : undefined);
  return (
    <div className="space-y-6">
      <FilterBar label="Valuation filters">
        <LabelledSelect label="Location" value={location} onChange={setLocation}>
          <option value="">All locations</option>
          {(locations.data ?? []).map((item) => (
            <option key={item.id} value={item.id}>
              {item.code} — {item.name}
            </option>
          ))}
        </LabelledSelect>
      </FilterBar>
      <QueryState query={valuation} what="the valuation">
        {(data) => (
          <>
            <Card title="Total stock value">
              <p className="text-3xl font-semibold tabular-nums" data-testid="valuation-total">
                {formatMoney(data.total, data.currency)}
              </p>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">At moving average cost.</p>
            </Card>
            <section aria-labelledby="by-location" className="space-y-2">
              <h2 id="by-location" className="text-base font-semibold">
                By location
              </h2>
              <Table
                caption="Stock value by location"
                columns={[
                  { key: 'location', header: 'Location', cell: (row: ByLocation) => `${row.location_code} — ${row.location_name}` },
                  { key: 'quantity', header: 'Quantity', align: 'right', cell: (row: ByLocation) => formatQuantity(row.quantity) },
                  { key: 'value', header: 'Value', align: 'right', cell: (row: ByLocation) => formatMoney(row.value, data.currency) },
                ]}
                rows={data.by_location}
                rowKey={(row) => row.location}
                emptyMessage="No stock."
              />
            </section>
            <section aria-labelledby="by-product" className="space-y-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 id="by-product" className="text-base font-semibold">
                  By product
                </h2>
                <ExportMenu
                  path="/api/v1/stock/valuation/export/"
                  query={{ location: location || undefined }}
                  noun="stock valuation"
                  columns={[
                    { field: 'product_sku', header: 'SKU' },
                    { field: 'product_name', header: 'Name' },
                    { field: 'quantity', header: 'Quantity' },
                    { field: 'unit', header: 'Unit' },
                    { field: 'value', header: 'Value' },
                  ]}
                />
              </div>
              <Table
                caption="Stock value by product"
                columns={[
                  { key: 'sku', header: 'SKU', cell: (row: ByProduct) => row.product_sku },
                  { key: 'name', header: 'Name', cell: (row: ByProduct) => row.product_name },
                  { key: 'quantity', header: 'Quantity', align: 'right', cell: (row: ByProduct) => formatQuantity(row.quantity, row.unit) },
                  { key: 'value', header: 'Value', align: 'right', cell: (row: ByProduct) => formatMoney(row.value, data.currency) },
                ]}
                rows={data.by_product}
                rowKey={(row) => row.product}
                emptyMessage="No stock."
              />
            </section>
          </>
        )}
      </QueryState>
    </div>
  );
}
