import { PageHeader } from '@/components/layouts/page-header';
import { useCan } from '@/features/auth/hooks/use-grants';
import { useSessionStore } from '@/features/auth/stores/session-store';
import { DelegationsPage } from '@/features/delegations/components/delegations-page';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function DelegationsRoute() {
  useDocumentTitle('Delegations');
  const me = useSessionStore((state) => state.user?.id ?? 0);
  return (
    <>
      <PageHeader title="Delegations" description="While you are away, a colleague decides the approval steps waiting for you." />
      <DelegationsPage canCreate={useCan('delegation.create')} myId={me} />
    </>
  );
}
