import { useState, type ReactNode } from 'react';

import { useMediaQuery } from '@/hooks/use-media-query';

import { Button } from './button';
import { Modal } from './modal';

/** Tailwind's `sm`: from here up the filters fit in a row above the list. */
const WIDE = '(min-width: 640px)';

/**
 * A list's filters. From `sm` up, a row that wraps; on a phone they fold behind a "Filters"
 * button into a sheet from the bottom edge (a modal dialog: focus stays in it, Escape or "Show
 * results" closes it and focus returns to the button), so the first rows of the list show
 * without scrolling past the filters. The filters are mounted in one place at a time.
 */
export function FilterBar({ children, label = 'Filters' }: { children: ReactNode; label?: string }) {
  const wide = useMediaQuery(WIDE, true);
  const [open, setOpen] = useState(false);
  if (wide) {
    return (
      <div role="search" aria-label={label} className="mb-4 flex flex-wrap items-end gap-3 [&>*]:min-w-40 [&>*]:flex-none">
        {children}
      </div>
    );
  }
  return (
    <div role="search" aria-label={label} className="mb-4">
      <button
        type="button"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 px-3 text-sm font-medium text-slate-800 dark:border-slate-600 dark:text-slate-100"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M4 6h16M7 12h10M10 18h4" />
        </svg>
        Filters
      </button>
      <Modal
        open={open}
        title={label}
        onClose={() => setOpen(false)}
        placement="sheet"
        footer={<Button onClick={() => setOpen(false)}>Show results</Button>}
      >
        <div className="flex flex-col gap-3">{children}</div>
      </Modal>
    </div>
  );
}
