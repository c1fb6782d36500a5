import { Outlet } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { TabLinks, type TabLink } from '@/components/ui/tabs';

import { useCan } from '../../use-can';

/** Catalog & stock: the catalog for every staff role, stock for the roles that handle it. */
export default function StockLayout() {
  const seesStock = useCan('stock_level.view');
  const tabs: TabLink[] = [
    { to: '/stock', label: 'Products', end: true },
    { to: '/stock/categories', label: 'Categories' },
  ];
  if (seesStock) {
    tabs.push(
      { to: '/stock/levels', label: 'Stock levels' },
      { to: '/stock/movements', label: 'Movements' },
      { to: '/stock/low', label: 'Low stock' },
      { to: '/stock/valuation', label: 'Valuation' },
      { to: '/stock/lots', label: 'Lots & recalls' },
    );
  }
  return (
    <>
      <PageHeader title="Catalog & stock" />
      <TabLinks tabs={tabs} label="Catalog and stock sections" />
      <Outlet />
    </>
  );
}
