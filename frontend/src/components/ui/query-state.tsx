import type { ReactNode } from 'react';

import { Link } from 'react-router';

import { ApiError, errorMessage } from '@/lib/api-error';

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
  if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403)) {
    // Retrying cannot help: the record does not exist, or this person may not see it.
    const missing = query.error.status === 404;
    return (
      <div role="alert" className="flex flex-col items-center gap-3 py-12 text-center">
        <p className="font-medium">{missing ? `We could not find ${what}.` : `You do not have access to ${what}.`}</p>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {missing ? 'It may have been removed, or the link is wrong.' : errorMessage(query.error)}
        </p>
        <Link to="/" className="text-sm font-medium text-brand-700 underline dark:text-brand-500">
          Back to my work
        </Link>
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
