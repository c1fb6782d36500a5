import { Link, useNavigate, useParams } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { usePurchaseOrder } from '@/features/purchase-orders/api/get-purchase-order';
import { EditOrderForm } from '@/features/purchase-orders/components/edit-order-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { backLinkClass } from './shared';

export default function PurchaseOrderEditRoute() {
  const { orderId = '' } = useParams();
  const id = Number(orderId);
  const order = usePurchaseOrder(id);
  const navigate = useNavigate();
  const revising = order.data !== undefined && order.data.status !== 'draft';
  const title = order.data ? `${revising ? 'Revise' : 'Edit'} ${order.data.number}` : 'Edit purchase order';
  useDocumentTitle(title);
  return (
    <>
      <p className="mb-2">
        <Link to={`/purchase-orders/${id}`} className={backLinkClass}>
          ← Back to the order
        </Link>
      </p>
      <PageHeader title={title} description="Change quantities, prices and lines in the grid; paste rows from a spreadsheet to add several at once." />
      <QueryState query={order} what="the purchase order">
        {(data) => (
          <Card>
            <EditOrderForm
              order={data}
              onCancel={() => void navigate(`/purchase-orders/${id}`)}
              onSaved={(saved) => {
                toast.success(saved.revision > data.revision ? `${saved.number} revision ${saved.revision} saved and sent to the supplier.` : `${saved.number} saved.`);
                void navigate(`/purchase-orders/${saved.id}`);
              }}
            />
          </Card>
        )}
      </QueryState>
    </>
  );
}
