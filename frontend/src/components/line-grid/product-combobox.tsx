import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type ClipboardEvent, type KeyboardEvent } from 'react';

import { cn } from '@/lib/cn';

import { productLabel, searchLineProducts, type LineProduct } from './product-lookup';

interface ProductComboboxProps {
  /** The chosen product's id, or '' for none. */
  value: string;
  /** What the chosen product is called ("SKU — name"); shown while the box is not being typed in. */
  label: string;
  ariaLabel: string;
  invalid?: boolean;
  describedBy?: string | undefined;
  placeholder?: string;
  onChoose: (product: LineProduct | null) => void;
  onPaste?: (event: ClipboardEvent<HTMLInputElement>) => void;
  cellId?: string;
}

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * One box to find a product by SKU, name or GTIN (the WAI-ARIA combobox pattern): type, pick
 * with the arrow keys and Enter or a click. Escape puts the chosen product back; emptying the
 * box clears it.
 */
export function ProductCombobox({ value, label, ariaLabel, invalid, describedBy, placeholder = 'SKU, name or GTIN', onChoose, onPaste, cellId }: ProductComboboxProps) {
  const listId = useId();
  const [text, setText] = useState<string | null>(null); // null: not typing, show the label
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const search = useDebounced((text ?? '').trim(), 200);
  const products = useQuery({
    queryKey: ['line-grid', 'products', search],
    queryFn: () => searchLineProducts(search),
    enabled: open,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const options = open ? (products.data ?? []) : [];
  const shown = text ?? label;

  const choose = (product: LineProduct | null) => {
    onChoose(product);
    setText(null);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((i) => Math.min(i + 1, Math.max(options.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && open && options.length > 0 && text !== null) {
      // Picking a product is this key's job here; the grid must not also add a line.
      event.preventDefault();
      event.stopPropagation();
      choose(options[Math.min(active, options.length - 1)] ?? null);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setText(null);
      setOpen(false);
    }
  };

  const activeOption = options[Math.min(active, options.length - 1)];
  return (
    <div className="relative">
      <input
        role="combobox"
        aria-label={ariaLabel}
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && activeOption ? `${listId}-${activeOption.id}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        data-cell={cellId}
        autoComplete="off"
        placeholder={placeholder}
        value={shown}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          setActive(0);
          setOpen(true);
          if (next.trim() === '' && value !== '') onChoose(null);
        }}
        onFocus={(event) => event.target.select()}
        onBlur={() => {
          setOpen(false);
          setText(null);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        className={cn(
          'block h-9 w-full min-w-48 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-400',
          'aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100',
        )}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={`${ariaLabel}: matches`}
        hidden={!(open && options.length > 0)}
        className="absolute z-30 mt-1 max-h-64 w-max min-w-full max-w-[32rem] overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        {options.map((product, index) => (
          <li
            key={product.id}
            id={`${listId}-${product.id}`}
            role="option"
            aria-selected={index === active}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(product);
            }}
            onMouseEnter={() => setActive(index)}
            className={cn('cursor-pointer px-3 py-1.5', index === active && 'bg-brand-50 text-brand-900 dark:bg-slate-800 dark:text-white')}
          >
            <span className="font-medium">{productLabel(product)}</span>
            <span className="ml-2 text-xs text-slate-600 dark:text-slate-300">
              {product.unit}
              {product.gtin ? ` · GTIN ${product.gtin}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
