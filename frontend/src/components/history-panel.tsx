import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';

import { HISTORY_PAGE_SIZE, useHistory, type HistoryEvent, type HistorySource } from './history-api';
import { actionLabel, readChanges } from './history-changes';

export function EventChanges({ event }: { event: Pick<HistoryEvent, 'changes'> }) {
  const changes = readChanges(event.changes);
  if (changes.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-700 dark:text-slate-300">
      {changes.map((change) => (
        <li key={change.field} className="break-words">
          <span className="font-medium">{change.field.replace(/_/g, ' ')}</span>: <del className="text-slate-500">{change.before}</del> →{' '}
          <ins className="no-underline">{change.after}</ins>
        </li>
      ))}
    </ul>
  );
}

/**
 * Who did what and when to one object, newest first, from its resource's `{id}/history/`
 * action: whoever may read the object may read its history. Reusable on any detail page.
 */
export function HistoryPanel({ source, title = 'History' }: { source: HistorySource; title?: string }) {
  const [page, setPage] = useState(1);
  const history = useHistory(source, page);
  const pages = history.data ? Math.max(1, Math.ceil(history.data.count / HISTORY_PAGE_SIZE)) : 1;

  let body;
  if (history.isPending) body = <Spinner label="Loading history…" />;
  else if (history.isError)
    body = (
      <div role="alert" className="space-y-2 text-sm text-red-700 dark:text-red-400">
        <p>Could not load the history. {errorMessage(history.error)}</p>
        <Button size="sm" variant="secondary" onClick={() => void history.refetch()}>
          Try again
        </Button>
      </div>
    );
  else if (history.data.results.length === 0) body = <p className="text-sm text-slate-600 dark:text-slate-400">No recorded changes yet.</p>;
  else
    body = (
      <ol className="space-y-3 border-l border-slate-200 pl-4 dark:border-slate-800">
        {history.data.results.map((event) => (
          <li key={event.id} className="text-sm">
            <p>
              <span className="font-medium">{actionLabel(event.action)}</span>
              <span className="text-slate-600 dark:text-slate-400">
                {' '}
                · {event.actor_email || 'system'} · <time dateTime={event.occurred_at}>{formatDateTime(event.occurred_at)}</time>
              </span>
            </p>
            <EventChanges event={event} />
          </li>
        ))}
      </ol>
    );

  return (
    <Card title={title} headingLevel={2}>
      {body}
      {pages > 1 ? (
        <div className="mt-4 flex items-center gap-2 text-sm">
          <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Newer
          </Button>
          <span>
            Page {page} of {pages}
          </span>
          <Button size="sm" variant="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Older
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
