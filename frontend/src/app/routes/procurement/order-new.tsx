import { Link, useNavigate, useSearchParams } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { toast } from '@/components/ui/toast';
import { CreateFromRequestsForm } from '@/features/purchase-orders/components/create-from-requests-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { backLinkClass } from './shared';

export default function PurchaseOrderNewRoute() {
  useDocumentTitle('Order approved requests');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const preselected = params.getAll('request');
  return (
    <>
      <p className="mb-2">
        <Link to="/purchase-orders" className={backLinkClass}>
          ← Purchase orders
        </Link>
      </p>
      <PageHeader title="Order approved requests" description="One draft order is made per supplier; review it, then issue it." />
      <Card>
        <CreateFromRequestsForm
          preselected={preselected}
          onCreated={(orders) => {
            toast.success(orders.length === 1 ? `${orders[0]?.number} created as a draft.` : `${orders.length} draft orders created.`);
            void navigate(orders.length === 1 && orders[0] ? `/purchase-orders/${orders[0].id}` : '/purchase-orders?status=draft');
          }}
        />
      </Card>
    </>
  );
}
