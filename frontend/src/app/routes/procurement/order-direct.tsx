import { Link, useNavigate } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { toast } from '@/components/ui/toast';
import { DirectOrderForm } from '@/features/purchase-orders/components/direct-order-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { backLinkClass } from './shared';

export default function PurchaseOrderDirectRoute() {
  useDocumentTitle('New purchase order');
  const navigate = useNavigate();
  return (
    <>
      <p className="mb-2">
        <Link to="/purchase-orders" className={backLinkClass}>
          ← Purchase orders
        </Link>
      </p>
      <PageHeader title="New purchase order" description="For goods ordered without a request: type the lines or paste them from a spreadsheet. Review the draft, then issue it." />
      <Card>
        <DirectOrderForm
          onCreated={(order) => {
            toast.success(`${order.number} created as a draft.`);
            void navigate(`/purchase-orders/${order.id}`);
          }}
          onCancel={() => void navigate('/purchase-orders')}
        />
      </Card>
    </>
  );
}
