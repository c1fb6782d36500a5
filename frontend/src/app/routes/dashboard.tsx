import { Link } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { useSessionStore } from '@/features/auth/stores/session-store';
import { BudgetCard } from '@/features/budgets/components/budget-card';
import { SpendByDepartmentFigure } from '@/features/dashboard/components/spend-figure';
import { WorkQueueBoard } from '@/features/work-queue/components/work-queue-board';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { hasAnyRole } from '@/lib/authorization';

const SPEND_READERS = ['admin', 'finance', 'procurement', 'approver', 'auditor'] as const;

/** Home: the person's work first, then the figures their role looks at. */
export default function DashboardRoute() {
  const user = useSessionStore((state) => state.user);
  useDocumentTitle('Dashboard');
  const roles = user?.roles ?? [];
  const firstName = user?.full_name.split(' ')[0];
  const portal = roles.length > 0 && roles.every((role) => role === 'customer');
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={firstName ? `Welcome back, ${firstName}. Here is what waits for you.` : undefined}
        actions={
          portal ? (
            <Link to="/portal/orders/new" className="inline-flex h-10 items-center rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800 dark:bg-brand-600">
              Place an order
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        <WorkQueueBoard portal={portal} />
        {hasAnyRole(roles, SPEND_READERS) ? (
          <Card title="Spend this month by department">
            <SpendByDepartmentFigure />
          </Card>
        ) : null}
        {hasAnyRole(roles, SPEND_READERS) ? <BudgetCard /> : null}
      </div>
    </>
  );
}
