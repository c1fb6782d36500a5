import { Command } from 'cmdk';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';

import { navItemsFor } from '@/config/navigation';
import type { Grants } from '@/lib/authorization';
import { formatMoney } from '@/lib/format';

import { useRecordSearch } from '../api/search-records';
import { actionsFor, hitHref, kindLabel, matches } from '../lib/commands';

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const itemClass =
  'flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm text-slate-900 data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-900 dark:text-slate-100 dark:data-[selected=true]:bg-slate-800 dark:data-[selected=true]:text-white';
const groupClass =
  '[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:text-slate-600 dark:[&_[cmdk-group-heading]]:text-slate-300';

/**
 * Ctrl+K (or "/"): jump to any record by its number or name, open a section or start a common
 * action, from the keyboard. Records come from the server's search, which shows only what the
 * person may read; sections and actions follow their roles.
 */
export function CommandPalette({ open, onOpenChange, grants, portal }: { open: boolean; onOpenChange: (open: boolean) => void; grants: Grants; portal: boolean }) {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const text = query.trim();
  const debounced = useDebounced(text, 150);
  const search = useRecordSearch(debounced);
  const actions = actionsFor(grants).filter((action) => matches(`${action.label} ${action.keywords ?? ''}`, text));
  const sections = navItemsFor(grants).filter((item) => matches(`${item.label} go to`, text));
  const hits = debounced.length >= 2 ? (search.data ?? []) : [];

  const close = () => {
    onOpenChange(false);
    setQuery('');
  };
  const go = (href: string) => {
    close();
    void navigate(href);
  };
  // A native modal <dialog> (focus kept inside, Escape closes, the page behind inert): no
  // script-inserted scroll-lock stylesheet, so the strict style-src policy holds.
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-label="Search and commands"
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) close();
      }}
      className="fixed left-1/2 top-[12vh] m-0 w-[min(40rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-lg border border-slate-200 bg-white p-0 shadow-2xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900"
    >
      {open ? (
      <Command label="Search and commands" shouldFilter={false} loop>
      <Command.Input
        autoFocus
        value={query}
        onValueChange={setQuery}
        placeholder="Find a number, name or SKU, or type what to do…"
        className="h-12 w-full border-b border-slate-200 bg-transparent px-4 text-base text-slate-900 outline-none placeholder:text-slate-500 dark:border-slate-700 dark:text-slate-100"
      />
      <Command.List className="max-h-[60vh] overflow-y-auto p-2" aria-label="Results">
        <Command.Empty className="px-3 py-6 text-center text-sm text-slate-600 dark:text-slate-300">
          {text.length >= 2 && search.isFetching ? 'Searching…' : `Nothing matches “${text}”.`}
        </Command.Empty>
        {hits.length > 0 ? (
          <Command.Group heading="Records" className={groupClass}>
            {hits.map((hit) => (
              <Command.Item key={`${hit.kind}-${hit.id}`} value={`${hit.kind}-${hit.id}`} onSelect={() => go(hitHref(hit, portal))} className={itemClass}>
                <span className="min-w-0">
                  <span className="font-medium">{hit.number}</span>
                  <span className="ml-2 truncate text-slate-600 dark:text-slate-300">{hit.title}</span>
                </span>
                <span className="shrink-0 text-xs text-slate-600 dark:text-slate-300">
                  {kindLabel(hit.kind)}
                  {hit.amount && hit.currency ? ` · ${formatMoney(hit.amount, hit.currency)}` : ''}
                  {hit.status ? ` · ${hit.status.replaceAll('_', ' ')}` : ''}
                </span>
              </Command.Item>
            ))}
          </Command.Group>
        ) : null}
        {actions.length > 0 ? (
          <Command.Group heading="Actions" className={groupClass}>
            {actions.map((action) => (
              <Command.Item key={action.href} value={`action ${action.label}`} onSelect={() => go(action.href)} className={itemClass}>
                {action.label}
              </Command.Item>
            ))}
          </Command.Group>
        ) : null}
        {sections.length > 0 ? (
          <Command.Group heading="Go to" className={groupClass}>
            {sections.map((item) => (
              <Command.Item key={item.path} value={`section ${item.label}`} onSelect={() => go(item.path)} className={itemClass}>
                {item.label}
              </Command.Item>
            ))}
          </Command.Group>
        ) : null}
      </Command.List>
      <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300">↑↓ to choose · Enter to open · Esc to close</p>
      </Command>
      ) : null}
    </dialog>
  );
}
