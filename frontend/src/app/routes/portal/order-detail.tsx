import { Link, useParams } from 'react-router';

import { QueryState } from '@/components/ui/query-state';
import { useSalesOrder } from '@/features/sales-orders/api/get-sales-order';
import { SalesOrderDetail } from '@/features/sales-orders/components/sales-order-detail';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function PortalOrderRoute() {
  const { orderId = '' } = useParams();
  const order = useSalesOrder(Number(orderId));
  useDocumentTitle(order.data?.number ?? 'Order');
  return (
    <div className="space-y-4">
      <p>
        <Link to="/portal" className="text-sm text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          ← My account
        </Link>
      </p>
      <QueryState query={order} what="the order">
        {(data) => <SalesOrderDetail order={data} canConfirm={false} canCancel={data.status === 'draft'} canOverrideCredit={false} showStock={false} portal />}
      </QueryState>
    </div>
  );
}
