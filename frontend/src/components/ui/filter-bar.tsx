import { useId, useState, type ReactNode } from 'react';

import { cn } from '@/lib/cn';

/**
 * A list's filters. From `sm` up, a row that wraps; on a phone they fold behind a "Filters"
 * button into a panel, so the first rows of the list show without scrolling past them.
 */
export function FilterBar({ children, label = 'Filters' }: { children: ReactNode; label?: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div role="search" aria-label={label} className="mb-4">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
        className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 px-3 text-sm font-medium text-slate-800 sm:hidden dark:border-slate-600 dark:text-slate-100"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M4 6h16M7 12h10M10 18h4" />
        </svg>
        {open ? 'Hide filters' : 'Filters'}
      </button>
      <div
        id={panelId}
        className={cn(
          'flex-wrap items-end gap-3 [&>*]:min-w-40 [&>*]:flex-1 sm:flex sm:[&>*]:flex-none',
          open ? 'mt-3 flex flex-col rounded-lg border border-slate-200 bg-slate-50 p-3 sm:mt-0 sm:flex-row sm:border-0 sm:bg-transparent sm:p-0 dark:border-slate-700 dark:bg-slate-900' : 'hidden',
        )}
      >
        {children}
      </div>
    </div>
  );
}
