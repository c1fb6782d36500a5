import { Outlet } from 'react-router';

import { TabLinks } from '@/components/ui/tabs';

const TABS = [
  { to: '/sales-orders', label: 'Orders', end: true },
  { to: '/sales-orders/shipments', label: 'Shipments' },
];

export default function SalesLayout() {
  return (
    <>
      <TabLinks tabs={TABS} label="Sales sections" />
      <Outlet />
    </>
  );
}
