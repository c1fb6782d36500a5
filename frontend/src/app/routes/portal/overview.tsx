import { Link } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { useSessionStore } from '@/features/auth/stores/session-store';
import { CustomerInvoicesList } from '@/features/customer-invoices/components/customer-invoices-list';
import { BalanceCard } from '@/features/portal/components/balance-card';
import { SalesOrdersList } from '@/features/sales-orders/components/sales-orders-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

/** The customer portal: their balance, orders and invoices (the server shows only theirs). */
export default function PortalRoute() {
  useDocumentTitle('My account');
  const user = useSessionStore((state) => state.user);
  return (
    <>
      <PageHeader
        title="My account"
        description={user ? `Signed in as ${user.full_name}.` : undefined}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link to="/portal/statement" className="inline-flex h-10 items-center rounded-md border border-slate-300 px-4 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
              Statement of account
            </Link>
            <Link to="/portal/orders/new" className="inline-flex h-10 items-center rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800 dark:bg-brand-600">
              Place an order
            </Link>
          </div>
        }
      />
      <div className="space-y-6">
        <BalanceCard />
        <Card title="Your orders">
          <SalesOrdersList caption="Your orders" orderHref={(o) => `/portal/orders/${o.id}`} />
        </Card>
        <Card title="Your invoices">
          <CustomerInvoicesList caption="Your invoices" invoiceHref={(i) => `/portal/invoices/${i.id}`} />
        </Card>
      </div>
    </>
  );
}
