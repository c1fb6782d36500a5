import { Link, useNavigate, useParams } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { useSalesOrder } from '@/features/sales-orders/api/get-sales-order';
import { EditSalesOrderForm } from '@/features/sales-orders/components/edit-sales-order-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { backLinkClass } from './shared';

export default function SalesOrderEditRoute() {
  const { orderId = '' } = useParams();
  const id = Number(orderId);
  const order = useSalesOrder(id);
  const navigate = useNavigate();
  const title = order.data ? `Edit ${order.data.number}` : 'Edit sales order';
  useDocumentTitle(title);
  return (
    <>
      <p className="mb-2">
        <Link to={`/sales-orders/${id}`} className={backLinkClass}>
          ← Back to the order
        </Link>
      </p>
      <PageHeader title={title} description="Change quantities and discounts, add or remove products; paste rows from a spreadsheet to add several." />
      <QueryState query={order} what="the sales order">
        {(data) => (
          <Card>
            <EditSalesOrderForm
              order={data}
              onCancel={() => void navigate(`/sales-orders/${id}`)}
              onSaved={(saved) => {
                toast.success(`${saved.number} saved.`);
                void navigate(`/sales-orders/${saved.id}`);
              }}
            />
          </Card>
        )}
      </QueryState>
    </>
  );
}
