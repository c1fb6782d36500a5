import type { ReactNode } from 'react';

/** A row of list filters that wraps on narrow screens. */
export function FilterBar({ children, label = 'Filters' }: { children: ReactNode; label?: string }) {
  return (
    <div role="search" aria-label={label} className="mb-4 flex flex-wrap items-end gap-3 [&>*]:min-w-40 [&>*]:flex-1 sm:[&>*]:flex-none">
      {children}
    </div>
  );
}
