import { Link } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { PurchaseOrdersList } from '@/features/purchase-orders/components/purchase-orders-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';
import { primaryLinkClass } from './shared';

export default function PurchaseOrdersRoute() {
  useDocumentTitle('Purchase orders');
  const canCreate = useCan('purchase_order.create');
  return (
    <>
      <PageHeader
        title="Purchase orders"
        actions={
          canCreate ? (
            <Link to="/purchase-orders/new" className={primaryLinkClass}>
              Order approved requests
            </Link>
          ) : null
        }
      />
      <PurchaseOrdersList orderHref={(o) => `/purchase-orders/${o.id}`} />
    </>
  );
}
