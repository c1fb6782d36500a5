import { Link, useNavigate } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { toast } from '@/components/ui/toast';
import { SalesOrderForm } from '@/features/sales-orders/components/sales-order-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function PortalOrderNewRoute() {
  useDocumentTitle('Place an order');
  const navigate = useNavigate();
  return (
    <>
      <p className="mb-2">
        <Link to="/portal" className="text-sm text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          ← My account
        </Link>
      </p>
      <PageHeader title="Place an order" description="Our sales team confirms it and tells you when it ships." />
      <Card>
        <SalesOrderForm
          forCustomer
          onCancel={() => void navigate('/portal')}
          onCreated={(order) => {
            toast.success(`Order ${order.number} received.`);
            void navigate(`/portal/orders/${order.id}`);
          }}
        />
      </Card>
    </>
  );
}
