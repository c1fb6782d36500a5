import { Link, useNavigate } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { toast } from '@/components/ui/toast';
import { SalesOrderForm } from '@/features/sales-orders/components/sales-order-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { backLinkClass } from './shared';

export default function SalesOrderNewRoute() {
  useDocumentTitle('New sales order');
  const navigate = useNavigate();
  return (
    <>
      <p className="mb-2">
        <Link to="/sales-orders" className={backLinkClass}>
          ← Sales orders
        </Link>
      </p>
      <PageHeader title="New sales order" />
      <Card>
        <SalesOrderForm
          onCancel={() => void navigate('/sales-orders')}
          onCreated={(order) => {
            toast.success(`${order.number} saved as a draft. Confirm it to reserve the stock.`);
            void navigate(`/sales-orders/${order.id}`);
          }}
        />
      </Card>
    </>
  );
}
