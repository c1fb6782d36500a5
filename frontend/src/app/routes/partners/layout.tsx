import { Outlet } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { TabLinks } from '@/components/ui/tabs';

const TABS = [
  { to: '/partners', label: 'Suppliers', end: true },
  { to: '/partners/customers', label: 'Customers' },
  { to: '/partners/carriers', label: 'Carriers' },
  { to: '/partners/mappings', label: 'Supplier-plant mappings' },
  { to: '/partners/contacts', label: 'Contacts' },
];

export default function PartnersLayout() {
  return (
    <>
      <PageHeader title="Partners" />
      <TabLinks tabs={TABS} label="Partner sections" />
      <Outlet />
    </>
  );
}
