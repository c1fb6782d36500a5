import { useId, useState } from 'react';

import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';

import { useProductSearch, type ProductOption } from '../api/search-products';

interface ItemProductPickerProps {
  index: number;
  value: string;
  label: string;
  onChoose: (product: ProductOption | null) => void;
}

/**
 * Find a catalog product for an item row: a search box and a select of the matches (plain
 * controls, so keyboards and screen readers need nothing special). Leave it empty to describe
 * the item in free text instead.
 */
export function ItemProductPicker({ index, value, label, onChoose }: ItemProductPickerProps) {
  const searchId = useId();
  const selectId = useId();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const products = useProductSearch(search.trim(), open);
  const options = products.data ?? [];
  const chosenMissing = value !== '' && !options.some((p) => p.id === value);
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <div className="space-y-1.5">
        <label htmlFor={searchId} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          Find a product (item {index + 1})
        </label>
        <Input
          id={searchId}
          type="search"
          placeholder="SKU or name"
          value={search}
          onFocus={() => setOpen(true)}
          onChange={(event) => {
            setOpen(true);
            setSearch(event.target.value);
          }}
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          Product (item {index + 1})
        </label>
        <Select
          id={selectId}
          value={value}
          onFocus={() => setOpen(true)}
          onChange={(event) => onChoose(options.find((p) => p.id === event.target.value) ?? null)}
        >
          <option value="">{products.isFetching ? 'Searching…' : 'No product (describe it below)'}</option>
          {chosenMissing ? <option value={value}>{label || 'Chosen product'}</option> : null}
          {options.map((product) => (
            <option key={product.id} value={product.id}>
              {product.sku} — {product.name} ({product.unit})
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
