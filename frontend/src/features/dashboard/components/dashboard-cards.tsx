import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { Card } from '@/components/ui/card';
import { Spinner } from '@/components/ui/spinner';
import type { Role } from '@/config/roles';
import { errorMessage } from '@/lib/api-error';
import { hasAnyRole } from '@/lib/authorization';

import { useLowStockCount } from '../api/get-low-stock-count';

import { SpendByDepartmentFigure } from './spend-figure';
import { WorkFigure } from './work-figures';

interface DashboardCard {
  key: string;
  title: string;
  description: string;
  roles: readonly Role[];
  /** Cards with a live figure; the others say "coming soon". */
  live?: boolean;
}

// Each card will show live figures once its API exists; until then it says so, with no numbers.
export const DASHBOARD_CARDS: readonly DashboardCard[] = [
  {
    key: 'pending-approvals',
    title: 'Pending approvals',
    description: 'Purchase requests waiting for your decision.',
    roles: ['approver', 'admin'],
    live: true,
  },
  {
    key: 'open-requests',
    title: 'Open requests',
    description: 'Purchase requests that are not yet ordered, rejected or cancelled.',
    roles: ['requester', 'approver', 'procurement', 'admin', 'auditor'],
    live: true,
  },
  {
    key: 'open-purchase-orders',
    title: 'Open purchase orders',
    description: 'Issued orders still waiting for goods or an invoice.',
    roles: ['procurement', 'warehouse', 'finance', 'admin', 'auditor'],
    live: true,
  },
  {
    key: 'low-stock',
    title: 'Low stock',
    description: 'Products at or below their reorder point.',
    roles: ['warehouse', 'procurement', 'sales', 'admin'],
    live: true,
  },
  {
    key: 'overdue-receivables',
    title: 'Overdue receivables',
    description: 'Customer invoices past their due date.',
    roles: ['finance', 'sales', 'admin', 'auditor'],
    live: true,
  },
  {
    key: 'spend-by-department',
    title: 'Spend this month by department',
    description: 'Purchase orders issued this month, by requesting department.',
    roles: ['admin', 'finance', 'procurement', 'approver', 'auditor'],
    live: true,
  },
];

export function dashboardCardsFor(roles: readonly string[]): DashboardCard[] {
  return DASHBOARD_CARDS.filter((card) => hasAnyRole(roles, card.roles));
}

function ComingSoon() {
  return (
    <p className="mt-4 inline-flex items-center rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">
      Coming soon
    </p>
  );
}

/** The low-stock figure, refreshed every 15 s while the tab is visible. */
function LowStockFigure() {
  const count = useLowStockCount(true);
  let figure: ReactNode;
  if (count.isPending) figure = <Spinner size="sm" label="Loading low stock…" />;
  else if (count.isError) figure = <span className="text-sm text-red-700 dark:text-red-400">Could not load: {errorMessage(count.error)}</span>;
  else
    figure = (
      <span className="text-3xl font-semibold tabular-nums" data-testid="low-stock-count">
        {count.data}
      </span>
    );
  return (
    <div className="mt-3 flex items-end justify-between gap-3">
      {figure}
      <Link to="/stock/low" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
        See low stock
      </Link>
    </div>
  );
}

function LiveFigure({ cardKey }: { cardKey: string }) {
  if (cardKey === 'low-stock') return <LowStockFigure />;
  if (cardKey === 'spend-by-department') return <SpendByDepartmentFigure />;
  return <WorkFigure cardKey={cardKey} />;
}

export function DashboardCards({ roles }: { roles: readonly string[] }) {
  const cards = dashboardCardsFor(roles);
  if (cards.length === 0) {
    return (
      <Card title="Welcome">
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Your orders, invoices and balance are under <Link to="/portal" className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">My account</Link>.
        </p>
      </Card>
    );
  }
  return (
    <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Overview">
      {cards.map((card) => (
        <li key={card.key}>
          <Card title={card.title} className="h-full">
            <p className="text-sm text-slate-600 dark:text-slate-300">{card.description}</p>
            {card.live ? <LiveFigure cardKey={card.key} /> : <ComingSoon />}
          </Card>
        </li>
      ))}
    </ul>
  );
}
