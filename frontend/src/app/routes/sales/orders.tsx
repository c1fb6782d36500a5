import { Link } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { SalesOrdersList } from '@/features/sales-orders/components/sales-orders-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';
import { primaryLinkClass } from './shared';

export default function SalesOrdersRoute() {
  useDocumentTitle('Sales orders');
  const canCreate = useCan('sales_order.create');
  return (
    <>
      <PageHeader
        title="Sales orders"
        actions={
          canCreate ? (
            <Link to="/sales-orders/new" className={primaryLinkClass}>
              New order
            </Link>
          ) : null
        }
      />
      <SalesOrdersList orderHref={(o) => `/sales-orders/${o.id}`} />
    </>
  );
}
