import { useId, useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { cn } from '@/lib/cn';

import { useProductSearch } from '../api/search-products';

interface ProductPickerProps {
  registration: UseFormRegisterReturn;
  error?: string | undefined;
}

/**
 * Type part of a SKU or name, then choose from the matches. Two plain controls (a search box
 * and a select) so it works with a keyboard and a screen reader without custom widgets.
 */
export function ProductPicker({ registration, error }: ProductPickerProps) {
  const searchId = useId();
  const selectId = useId();
  const errorId = useId();
  const [search, setSearch] = useState('');
  const products = useProductSearch(search.trim());
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">
        Product<span aria-hidden="true" className="ml-0.5 text-red-700 dark:text-red-400">*</span>
      </legend>
      <div className="grid gap-2 sm:grid-cols-2">
        <div>
          <label htmlFor={searchId} className="sr-only">
            Find a product
          </label>
          <Input id={searchId} type="search" placeholder="Find by SKU or name" value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <div>
          <label htmlFor={selectId} className="sr-only">
            Product
          </label>
          <Select
            id={selectId}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? errorId : undefined}
            aria-required
            className={cn(products.isFetching && 'opacity-70')}
            {...registration}
          >
            <option value="">{products.data?.length === 0 ? 'No matching products' : 'Choose a product…'}</option>
            {(products.data ?? []).map((product) => (
              <option key={product.id} value={product.id}>
                {product.sku} — {product.name} ({product.unit})
              </option>
            ))}
          </Select>
        </div>
      </div>
      {error ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
