import { Outlet } from 'react-router';

import { TabLinks } from '@/components/ui/tabs';

const TABS = [
  { to: '/sales-orders', label: 'Orders', end: true },
  { to: '/sales-orders/shipments', label: 'Shipments' },
  { to: '/sales-orders/quotes', label: 'Quotes' },
  { to: '/sales-orders/price-lists', label: 'Price lists' },
  { to: '/sales-orders/returns', label: 'Returns' },
];

export default function SalesLayout() {
  return (
    <>
      <TabLinks tabs={TABS} label="Sales sections" />
      <Outlet />
    </>
  );
}
