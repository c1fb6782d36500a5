import { Link } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { PurchaseRequestsList } from '@/features/purchase-requests/components/purchase-requests-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';
import { primaryLinkClass } from './shared';

export default function PurchaseRequestsRoute() {
  useDocumentTitle('Purchase requests');
  const canCreate = useCan('purchase_request.create');
  return (
    <>
      <PageHeader
        title="Purchase requests"
        actions={
          canCreate ? (
            <Link to="/purchase-requests/new" className={primaryLinkClass}>
              New request
            </Link>
          ) : null
        }
      />
      <PurchaseRequestsList requestHref={(r) => `/purchase-requests/${r.id}`} />
    </>
  );
}
