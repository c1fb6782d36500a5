import { PageHeader } from '@/components/layouts/page-header';
import { useSessionStore } from '@/features/auth/stores/session-store';
import { DashboardCards } from '@/features/dashboard/components/dashboard-cards';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function DashboardRoute() {
  const user = useSessionStore((state) => state.user);
  useDocumentTitle('Dashboard');
  const firstName = user?.full_name.split(' ')[0];
  return (
    <>
      <PageHeader title="Dashboard" description={firstName ? `Welcome back, ${firstName}.` : undefined} />
      <DashboardCards roles={user?.roles ?? []} />
    </>
  );
}
