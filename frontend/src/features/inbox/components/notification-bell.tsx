import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';

import { Spinner } from '@/components/ui/spinner';
import { formatDateTime } from '@/lib/format';

import { useInbox, useMarkRead, useUnreadCount, type InboxMessage } from '../api/inbox';

interface NotificationBellProps {
  /** Where a message about a record leads (the app knows its pages). */
  hrefFor: (message: Pick<InboxMessage, 'object_type' | 'object_id'>) => string | null;
}

/** The notification centre: a bell with the unread count and the latest messages. */
export function NotificationBell({ hrefFor }: NotificationBellProps) {
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const inbox = useInbox(open);
  const markRead = useMarkRead();
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const count = unread.data ?? 0;

  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const label = count > 0 ? `Notifications, ${count} unread` : 'Notifications';
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        onClick={() => setOpen((value) => !value)}
        className="relative inline-flex size-10 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 ? (
          <span aria-hidden="true" data-testid="unread-count" className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-semibold leading-5 text-white">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <section
          id={panelId}
          aria-label="Notifications"
          className="absolute right-0 z-40 mt-2 w-80 max-w-[90vw] rounded-lg border border-slate-200 bg-white p-3 shadow-xl dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="mb-2 flex items-center justify-between gap-2">
            <h2 className="text-sm font-semibold">Notifications</h2>
            {count > 0 ? (
              <button type="button" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500" onClick={() => markRead.mutate('all')}>
                Mark all read
              </button>
            ) : null}
          </div>
          {inbox.isPending ? (
            <Spinner size="sm" label="Loading notifications…" />
          ) : (inbox.data ?? []).length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No notifications yet.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto dark:divide-slate-800">
              {(inbox.data ?? []).map((message) => {
                const href = hrefFor(message);
                const title = message.read_at ? message.title : <strong>{message.title}</strong>;
                return (
                  <li key={message.id} className="py-2 text-sm">
                    {href ? (
                      <Link
                        to={href}
                        className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-500"
                        onClick={() => {
                          if (!message.read_at) markRead.mutate(message.id);
                          setOpen(false);
                        }}
                      >
                        {title}
                      </Link>
                    ) : (
                      <span>{title}</span>
                    )}
                    {message.read_at ? null : <span className="sr-only"> (unread)</span>}
                    <p className="text-xs text-slate-600 dark:text-slate-400">{formatDateTime(message.created_at)}</p>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
