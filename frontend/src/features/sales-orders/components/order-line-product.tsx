import { useId, useState } from 'react';

import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';

import { useProductSearch, type ProductOption } from '../api/get-order-form-options';

/** Search the catalog and pick a product for one order line (two plain, labelled controls). */
export function OrderLineProduct({ index, value, label, error, onChoose }: { index: number; value: string; label: string; error?: string | undefined; onChoose: (product: ProductOption | null) => void }) {
  const searchId = useId();
  const selectId = useId();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const products = useProductSearch(search.trim(), open);
  const options = products.data ?? [];
  return (
    <div className="grid gap-2 sm:col-span-2 sm:grid-cols-2">
      <div className="space-y-1.5">
        <label htmlFor={searchId} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          Find a product, line {index + 1}
        </label>
        <Input id={searchId} type="search" placeholder="SKU or name" value={search} onFocus={() => setOpen(true)} onChange={(event) => setSearch(event.target.value)} />
      </div>
      <div className="space-y-1.5">
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          Product, line {index + 1}
        </label>
        <Select
          id={selectId}
          value={value}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${selectId}-error` : undefined}
          onFocus={() => setOpen(true)}
          onChange={(event) => onChoose(options.find((p) => p.id === event.target.value) ?? null)}
        >
          <option value="">{products.isFetching ? 'Searching…' : 'Choose a product…'}</option>
          {value && !options.some((p) => p.id === value) ? <option value={value}>{label}</option> : null}
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {p.sku} — {p.name} ({p.unit})
            </option>
          ))}
        </Select>
        {error ? (
          <p id={`${selectId}-error`} className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
