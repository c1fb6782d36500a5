import { Card } from '@/components/ui/card';
import type { Role } from '@/config/roles';
import { hasAnyRole } from '@/lib/authorization';

interface DashboardCard {
  key: string;
  title: string;
  description: string;
  roles: readonly Role[];
}

// Each card will show live figures once its API exists; until then it says so, with no numbers.
export const DASHBOARD_CARDS: readonly DashboardCard[] = [
  {
    key: 'pending-approvals',
    title: 'Pending approvals',
    description: 'Purchase requests waiting for your decision.',
    roles: ['approver', 'admin'],
  },
  {
    key: 'open-requests',
    title: 'Open requests',
    description: 'Purchase requests that are not yet ordered, rejected or cancelled.',
    roles: ['requester', 'approver', 'procurement', 'admin', 'auditor'],
  },
  {
    key: 'open-purchase-orders',
    title: 'Open purchase orders',
    description: 'Issued orders still waiting for goods or an invoice.',
    roles: ['procurement', 'warehouse', 'finance', 'admin', 'auditor'],
  },
  {
    key: 'low-stock',
    title: 'Low stock',
    description: 'Products below their reorder point.',
    roles: ['warehouse', 'procurement', 'sales', 'admin'],
  },
  {
    key: 'overdue-receivables',
    title: 'Overdue receivables',
    description: 'Customer invoices past their due date.',
    roles: ['finance', 'sales', 'admin', 'auditor'],
  },
];

export function dashboardCardsFor(roles: readonly string[]): DashboardCard[] {
  return DASHBOARD_CARDS.filter((card) => hasAnyRole(roles, card.roles));
}

export function DashboardCards({ roles }: { roles: readonly string[] }) {
  const cards = dashboardCardsFor(roles);
  if (cards.length === 0) {
    return (
      <Card title="Welcome">
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Your orders and invoices will appear here. This part of Procura is coming soon.
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
            <p className="mt-4 inline-flex items-center rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">
              Coming soon
            </p>
          </Card>
        </li>
      ))}
    </ul>
  );
}
