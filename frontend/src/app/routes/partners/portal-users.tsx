import { useCan } from '@/features/auth/hooks/use-grants';
import { useCustomers } from '@/features/partners/api/get-customers';
import { PortalUsersPage } from '@/features/portal-users/components/portal-users-page';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function PortalUsersRoute() {
  useDocumentTitle('Portal users');
  const canLink = useCan('customer_portal_user.create');
  const customers = useCustomers({ page_size: 200, ordering: 'name', is_active: true });
  return <PortalUsersPage canLink={canLink} customers={canLink ? (customers.data?.results ?? []) : []} />;
}
