import type { ReactNode } from 'react';

import { cn } from '@/lib/cn';

import { Button } from './button';
import { Spinner } from './spinner';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  align?: 'left' | 'right';
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
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-busy={isLoading}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={cn(
                  'px-4 py-2.5 font-semibold text-slate-700 dark:text-slate-300',
                  column.align === 'right' ? 'text-right' : 'text-left',
                )}
              >
                {column.header}
              </th>
            ))}
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
                    className={cn('px-4 py-2.5', column.align === 'right' ? 'text-right tabular-nums' : 'text-left')}
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
