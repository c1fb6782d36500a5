import { Link, useNavigate, useParams } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { useSalesOrder } from '@/features/sales-orders/api/get-sales-order';
import { EditSalesOrderForm } from '@/features/sales-orders/components/edit-sales-order-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

/** A portal customer changes their own order until our team confirms it. */
export default function PortalOrderEditRoute() {
  const { orderId = '' } = useParams();
  const id = Number(orderId);
  const order = useSalesOrder(id);
  const navigate = useNavigate();
  const title = order.data ? `Change ${order.data.number}` : 'Change your order';
  useDocumentTitle(title);
  return (
    <>
      <p className="mb-2">
        <Link to={`/portal/orders/${id}`} className="text-sm text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          ← Back to the order
        </Link>
      </p>
      <PageHeader title={title} description="Change quantities, add or remove products; our sales team confirms the order and tells you when it ships." />
      <QueryState query={order} what="the order">
        {(data) =>
          data.status === 'draft' ? (
            <Card>
              <EditSalesOrderForm
                order={data}
                forCustomer
                onCancel={() => void navigate(`/portal/orders/${id}`)}
                onSaved={(saved) => {
                  toast.success(`Order ${saved.number} changed.`);
                  void navigate(`/portal/orders/${saved.id}`);
                }}
              />
            </Card>
          ) : (
            <Card>
              <p className="text-sm">
                {data.number} is already confirmed, so it can no longer be changed here. Please contact our sales team.
              </p>
            </Card>
          )
        }
      </QueryState>
    </>
  );
}
