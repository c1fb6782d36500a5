import type { ReactNode } from 'react';

import { errorMessage } from '@/lib/api-error';

import { Button } from './button';
import { Spinner } from './spinner';

interface QueryStateProps<T> {
  query: { data: T | undefined; isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  children: (data: T) => ReactNode;
  /** What failed, e.g. "the supplier". */
  what?: string;
}

/** Loading, error (with retry) or the data: the three states of one fetched thing. */
export function QueryState<T>({ query, children, what = 'this page' }: QueryStateProps<T>) {
  if (query.isPending) {
    return (
      <div className="flex justify-center py-12">
        <Spinner size="lg" />
      </div>
    );
  }
  if (query.isError || query.data === undefined) {
    return (
      <div role="alert" className="flex flex-col items-center gap-3 py-12 text-center text-red-700 dark:text-red-400">
        <p>
          Could not load {what}. {errorMessage(query.error)}
        </p>
        <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
