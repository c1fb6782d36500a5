import type { ReactNode } from 'react';

import { cn } from '@/lib/cn';

import { Button } from './button';
import { Spinner } from './spinner';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  align?: 'left' | 'right';
  /** The API's ordering field for this column; makes the header a sort button. */
  sortKey?: string;
}

/** "name" -> ascending, "-name" -> descending, anything else -> not sorted by this column. */
export function sortDirection(ordering: string | undefined, sortKey: string): 'ascending' | 'descending' | 'none' {
  if (ordering === sortKey) return 'ascending';
  if (ordering === `-${sortKey}`) return 'descending';
  return 'none';
}

/** Clicking a column sorts ascending, then descending. */
export function nextOrdering(ordering: string | undefined, sortKey: string): string {
  return ordering === sortKey ? `-${sortKey}` : sortKey;
}

interface TableProps<Row> {
  /** Names the table for screen readers. */
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[] | undefined;
  rowKey: (row: Row) => string | number;
  isLoading?: boolean;
  error?: string | null;
  onRetry?: () => void;
  emptyMessage?: ReactNode;
  /** Current ordering (DRF style, "-field" for descending) and how to change it. */
  ordering?: string | undefined;
  onOrderingChange?: (ordering: string) => void;
}

export function Table<Row>({
  caption,
  columns,
  rows,
  rowKey,
  isLoading = false,
  error = null,
  onRetry,
  emptyMessage = 'Nothing here yet.',
  ordering,
  onOrderingChange,
}: TableProps<Row>) {
  let state: ReactNode = null;
  if (isLoading) {
    state = <Spinner label="Loading…" />;
  } else if (error) {
    state = (
      <div role="alert" className="flex flex-col items-center gap-3 text-red-700 dark:text-red-400">
        <p>{error}</p>
        {onRetry ? (
          <Button variant="secondary" size="sm" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </div>
    );
  } else if (!rows || rows.length === 0) {
    state = <p className="text-slate-600 dark:text-slate-400">{emptyMessage}</p>;
  }

  return (
    // On a phone each row is a card (the column names beside the figures); from `sm` up, a table.
    // Explicit roles keep the table semantics while the phone layout changes the display.
    // Focusable, so a table wider than the screen scrolls by keyboard too.
    <div tabIndex={0} role="region" aria-label={caption} className="relative rounded-lg border border-slate-200 sm:overflow-x-auto dark:border-slate-800">
      <table role="table" className="block w-full text-sm sm:table sm:min-w-full sm:divide-y sm:divide-slate-200 dark:sm:divide-slate-800" aria-busy={isLoading}>
        <caption className="sr-only">{caption}</caption>
        <thead className="sr-only bg-slate-50 sm:not-sr-only sm:table-header-group dark:bg-slate-900">
          <tr role="row">
            {columns.map((column) => {
              const sortable = Boolean(column.sortKey && onOrderingChange);
              const direction = column.sortKey ? sortDirection(ordering, column.sortKey) : 'none';
              return (
                <th
                  key={column.key}
                  scope="col"
                  role="columnheader"
                  aria-sort={sortable ? direction : undefined}
                  className={cn(
                    'whitespace-nowrap px-4 py-2.5 font-semibold text-slate-700 dark:text-slate-300',
                    column.align === 'right' ? 'text-right' : 'text-left',
                  )}
                >
                  {sortable && column.sortKey ? (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 rounded hover:text-slate-950 dark:hover:text-white"
                      onClick={() => onOrderingChange?.(nextOrdering(ordering, column.sortKey as string))}
                    >
                      {column.header}
                      <span aria-hidden="true" className="text-xs text-slate-500">
                        {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="block divide-y divide-slate-100 bg-white sm:table-row-group dark:divide-slate-800 dark:bg-slate-950">
          {state ? (
            <tr role="row" className="block sm:table-row">
              <td role="cell" colSpan={columns.length} className="block px-4 py-10 text-center sm:table-cell">
                {state}
              </td>
            </tr>
          ) : (
            rows?.map((row) => (
              <tr key={rowKey(row)} role="row" className="block px-4 py-3 sm:table-row sm:p-0">
                {columns.map((column, index) => (
                  <td
                    key={column.key}
                    role="cell"
                    // The column's name beside the value on a phone (generated content: not in the cell's text).
                    data-label={index > 0 && typeof column.header === 'string' ? column.header : undefined}
                    className={cn(
                      'flex items-baseline justify-between gap-3 py-0.5 align-top sm:table-cell sm:px-4 sm:py-2.5',
                      'before:text-xs before:text-slate-600 before:content-[attr(data-label)] sm:before:content-none dark:before:text-slate-400',
                      index === 0 && 'text-base font-medium sm:text-sm sm:font-normal',
                      column.align === 'right' ? 'tabular-nums sm:whitespace-nowrap sm:text-right' : 'sm:text-left',
                    )}
                  >
                    <span className="min-w-0">{column.cell(row)}</span>
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
