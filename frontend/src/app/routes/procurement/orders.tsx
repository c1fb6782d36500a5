import { Link } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { PurchaseOrdersList } from '@/features/purchase-orders/components/purchase-orders-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';
import { primaryLinkClass, secondaryLinkClass } from './shared';

export default function PurchaseOrdersRoute() {
  useDocumentTitle('Purchase orders');
  const canCreate = useCan('purchase_order.create');
  return (
    <>
      <PageHeader
        title="Purchase orders"
        actions={
          canCreate ? (
            <div className="flex flex-wrap gap-2">
              <Link to="/purchase-orders/new/direct" className={secondaryLinkClass}>
                New order
              </Link>
              <Link to="/purchase-orders/new" className={primaryLinkClass}>
                Order approved requests
              </Link>
            </div>
          ) : null
        }
      />
      <PurchaseOrdersList orderHref={(o) => `/purchase-orders/${o.id}`} />
    </>
  );
}
