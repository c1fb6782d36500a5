import { Link, useNavigate, useParams } from 'react-router';

import { presenceOf } from '@/components/records/record-context';
import { Button } from '@/components/ui/button';
import { QueryState } from '@/components/ui/query-state';
import { useSalesOrder } from '@/features/sales-orders/api/get-sales-order';
import { SalesOrderDetail } from '@/features/sales-orders/components/sales-order-detail';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function PortalOrderRoute() {
  const { orderId = '' } = useParams();
  const order = useSalesOrder(Number(orderId));
  const navigate = useNavigate();
  useDocumentTitle(order.data?.number ?? 'Order');
  return (
    <div className="space-y-4">
      <p>
        <Link to="/portal" className="text-sm text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          ← My account
        </Link>
      </p>
      <QueryState query={order} what="the order">
        {(data) => (
          <SalesOrderDetail
            order={data}
            canConfirm={false}
            canCancel={data.status === 'draft'}
            canOverrideCredit={false}
            showStock={false}
            portal
            actions={
              // Until our team confirms it, the order is the customer's to change (server's say).
              presenceOf(data.available_actions, 'sales_order.update').kind === 'show' ? (
                <Button variant="secondary" onClick={() => void navigate(`/portal/orders/${data.id}/edit`)}>
                  Change order
                </Button>
              ) : null
            }
          />
        )}
      </QueryState>
    </div>
  );
}
