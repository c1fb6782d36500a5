import { lazy, Suspense, useEffect, useState } from 'react';

import type { Grants } from '@/lib/authorization';

// The palette (cmdk and its dialog) loads the first time it is opened, not with every page.
const CommandPalette = lazy(() => import('./command-palette').then((module) => ({ default: module.CommandPalette })));

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The header's search button, and Ctrl+K / Cmd+K anywhere (or "/" outside a text field). */
export function CommandPaletteLauncher({ grants, portal }: { grants: Grants; portal: boolean }) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const ctrlK = event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey;
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !typingInField(event.target);
      if (ctrlK || slash) {
        event.preventDefault();
        setLoaded(true);
        setOpen((was) => (ctrlK ? !was : true));
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
        aria-keyshortcuts="Control+K /"
        className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 px-2 text-sm text-slate-700 hover:bg-slate-50 sm:px-3 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        <span className="sr-only sm:not-sr-only">Search</span>
        <kbd className="hidden rounded border border-slate-300 px-1 text-xs text-slate-600 md:inline dark:border-slate-600 dark:text-slate-300">Ctrl K</kbd>
      </button>
      {loaded ? (
        <Suspense fallback={null}>
          <CommandPalette open={open} onOpenChange={setOpen} grants={grants} portal={portal} />
        </Suspense>
      ) : null}
    </>
  );
}
