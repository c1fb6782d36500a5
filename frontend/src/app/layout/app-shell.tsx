import { Suspense, useEffect, useId, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';

import { NavIcon } from '@/components/layouts/nav-icon';
import { ThemeToggle } from '@/components/theme-toggle';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { navItemsFor } from '@/config/navigation';
import { ROLE_LABELS } from '@/config/roles';
import { useLogout } from '@/features/auth/api/logout';
import { CommandPaletteLauncher } from '@/features/command-palette/components/command-palette-launcher';
import { NotificationBell } from '@/features/inbox/components/notification-bell';
import { useSessionStore } from '@/features/auth/stores/session-store';
import { itemHref } from '@/features/work-queue/lib/links';
import { holdsWithScope, knownRoles, type Grants } from '@/lib/authorization';
import { cn } from '@/lib/cn';

import { useGrants } from '../use-can';

function SideNav({ grants, onNavigate }: { grants: Grants; onNavigate?: () => void }) {
  const items = navItemsFor(grants);
  return (
    <nav aria-label="Main">
      <ul className="space-y-1">
        {items.map((item) => (
          <li key={item.key}>
            <NavLink
              to={item.path}
              end={item.path === '/'}
              onClick={onNavigate}
              className={({ isActive }) =>
                cn(
                  'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium',
                  isActive
                    ? 'bg-brand-50 text-brand-800 dark:bg-brand-800/30 dark:text-brand-100'
                    : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
                )
              }
            >
              <NavIcon name={item.icon} />
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Brand() {
  return (
    <span className="flex items-center gap-2 text-lg font-semibold tracking-tight">
      <span aria-hidden="true" className="inline-flex size-7 items-center justify-center rounded-md bg-brand-700 text-sm text-white">
        P
      </span>
      Procura
    </span>
  );
}

type RecordKind = Parameters<typeof itemHref>[0]['kind'];

/** Message subjects (as the server names them) -> the page of the record. */
const RECORD_KINDS: Record<string, RecordKind> = {
  purchase_request: 'purchase_request',
  purchase_order: 'purchase_order',
  supplier_invoice: 'supplier_invoice',
  sales_order: 'sales_order',
  'sales.salesorder': 'sales_order',
  customer_invoice: 'customer_invoice',
  'sales.customerinvoice': 'customer_invoice',
};

const isPortalUser = holdsWithScope('receivables.view', 'own_customer');

function inboxHref(message: { object_type: string; object_id: string }, grants: Grants): string | null {
  const kind = RECORD_KINDS[message.object_type];
  if (!kind || !message.object_id) return null;
  const portal = isPortalUser(grants);
  return itemHref({ kind, id: message.object_id }, portal);
}

export function AppShell() {
  const user = useSessionStore((state) => state.user);
  const roles = user?.roles ?? [];
  const grants = useGrants();
  const [menuOpen, setMenuOpen] = useState(false);
  const drawerId = useId();
  const location = useLocation();
  const logout = useLogout();

  // Close the drawer on navigation (also from the back button).
  const [lastPath, setLastPath] = useState(location.pathname);
  if (lastPath !== location.pathname) {
    setLastPath(location.pathname);
    setMenuOpen(false);
  }

  const menuButton = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!menuOpen) return undefined;
    // Keyboard users land in the drawer they opened, and Escape brings them back.
    drawer.current?.querySelector<HTMLElement>('nav a[href]')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setMenuOpen(false);
        menuButton.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  const signOut = () => {
    // The route guard takes the person to the sign-in page once the session is cleared.
    logout.mutate(undefined, { onSettled: () => toast.info('You are signed out.') });
  };

  const roleNames = knownRoles(roles).map((role) => ROLE_LABELS[role]).join(', ');

  return (
    <div className="min-h-screen bg-slate-50 dark:bg-slate-950">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:left-2 focus:top-2 dark:bg-slate-900"
      >
        Skip to content
      </a>

      <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-slate-200 bg-white/95 px-3 backdrop-blur sm:px-4 dark:border-slate-800 dark:bg-slate-900/95">
        <button
          ref={menuButton}
          type="button"
          className="inline-flex size-10 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 lg:hidden dark:text-slate-200 dark:hover:bg-slate-800"
          aria-expanded={menuOpen}
          aria-controls={drawerId}
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span className="sr-only">{menuOpen ? 'Close menu' : 'Open menu'}</span>
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            {menuOpen ? <path d="M6 6l12 12M18 6 6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
          </svg>
        </button>
        <Brand />
        <div className="ml-auto flex items-center gap-1 sm:gap-3">
          <CommandPaletteLauncher grants={grants} portal={isPortalUser(grants)} />
          <NotificationBell hrefFor={(message) => inboxHref(message, grants)} />
          <ThemeToggle />
          <Link to="/profile" className="hidden rounded-md px-2 py-1 text-right hover:bg-slate-100 sm:block dark:hover:bg-slate-800">
            <span className="block text-sm font-medium leading-tight" data-testid="current-user">
              {user?.full_name || user?.email}
            </span>
            {roleNames ? <span className="block text-xs leading-tight text-slate-600 dark:text-slate-400">{roleNames}</span> : null}
            <span className="sr-only"> (my profile)</span>
          </Link>
          <Button variant="secondary" size="sm" onClick={signOut} busy={logout.isPending}>
            Sign out
          </Button>
        </div>
      </header>

      <div className="flex">
        {/* Desktop: a fixed column. */}
        <aside className="sticky top-14 hidden h-[calc(100vh-3.5rem)] w-60 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-3 lg:block dark:border-slate-800 dark:bg-slate-900">
          <SideNav grants={grants} />
        </aside>

        {/* Mobile: a drawer over the page. */}
        {menuOpen ? (
          <div className="fixed inset-0 top-14 z-20 lg:hidden">
            <button
              type="button"
              tabIndex={-1}
              aria-hidden="true"
              className="absolute inset-0 bg-slate-950/40"
              onClick={() => setMenuOpen(false)}
            />
            <aside
              ref={drawer}
              id={drawerId}
              className="relative h-full w-72 max-w-[85vw] overflow-y-auto border-r border-slate-200 bg-white p-3 shadow-xl dark:border-slate-800 dark:bg-slate-900"
            >
              <div className="mb-3 border-b border-slate-200 pb-3 sm:hidden dark:border-slate-800">
                <p className="text-sm font-medium">{user?.full_name || user?.email}</p>
                {roleNames ? <p className="text-xs text-slate-600 dark:text-slate-400">{roleNames}</p> : null}
                <Link to="/profile" className="mt-1 inline-block text-sm text-brand-700 underline dark:text-brand-500">
                  My profile
                </Link>
              </div>
              <SideNav grants={grants} onNavigate={() => setMenuOpen(false)} />
            </aside>
          </div>
        ) : null}

        <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 sm:p-6 lg:p-8 focus:outline-none">
          <Suspense
            fallback={
              <div className="flex justify-center py-16">
                <Spinner size="lg" />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
