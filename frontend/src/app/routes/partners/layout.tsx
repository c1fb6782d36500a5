import { Outlet } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { TabLinks } from '@/components/ui/tabs';
import { useCan } from '@/features/auth/hooks/use-grants';

const TABS = [
  { to: '/partners', label: 'Suppliers', end: true },
  { to: '/partners/customers', label: 'Customers' },
  { to: '/partners/carriers', label: 'Carriers' },
  { to: '/partners/mappings', label: 'Supplier-plant mappings' },
  { to: '/partners/contacts', label: 'Contacts' },
];

export default function PartnersLayout() {
  const seesPortalUsers = useCan('customer_portal_user.view');
  const tabs = seesPortalUsers ? [...TABS, { to: '/partners/portal-users', label: 'Portal users' }] : TABS;
  return (
    <>
      <PageHeader title="Partners" />
      <TabLinks tabs={tabs} label="Partner sections" />
      <Outlet />
    </>
  );
}
