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
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-busy={isLoading}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr>
            {columns.map((column) => {
              const sortable = Boolean(column.sortKey && onOrderingChange);
              const direction = column.sortKey ? sortDirection(ordering, column.sortKey) : 'none';
              return (
                <th
                  key={column.key}
                  scope="col"
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
        <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
          {state ? (
            <tr>
              <td colSpan={columns.length} className="px-4 py-10 text-center">
                {state}
              </td>
            </tr>
          ) : (
            rows?.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => (
                  <td
                    key={column.key}
                    className={cn('px-4 py-2.5 align-top', column.align === 'right' ? 'text-right tabular-nums whitespace-nowrap' : 'text-left')}
                  >
                    {column.cell(row)}
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
