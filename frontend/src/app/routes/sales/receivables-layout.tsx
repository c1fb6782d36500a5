import { Outlet } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { TabLinks } from '@/components/ui/tabs';

const TABS = [
  { to: '/receivables', label: 'Invoices', end: true },
  { to: '/receivables/payments', label: 'Payments' },
  { to: '/receivables/aging', label: 'Aging' },
  { to: '/receivables/statement', label: 'Statements' },
];

export default function ReceivablesLayout() {
  return (
    <>
      <PageHeader title="Receivables" />
      <TabLinks tabs={TABS} label="Receivables sections" />
      <Outlet />
    </>
  );
}
