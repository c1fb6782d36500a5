import { Link, useParams } from 'react-router';

import { QueryState } from '@/components/ui/query-state';
import { HistoryPanel } from '@/features/audit/components/history-panel';
import { usePurchaseRequest } from '@/features/purchase-requests/api/get-purchase-request';
import { PurchaseRequestDetail } from '@/features/purchase-requests/components/purchase-request-detail';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { backLinkClass } from './shared';

export default function PurchaseRequestDetailRoute() {
  const { requestId = '' } = useParams();
  const id = Number(requestId);
  const request = usePurchaseRequest(id);
  useDocumentTitle(request.data?.number ?? 'Purchase request');
  return (
    <div className="space-y-4">
      <p>
        <Link to="/purchase-requests" className={backLinkClass}>
          ← Purchase requests
        </Link>
      </p>
      <QueryState query={request} what="the request">
        {(data) => (
          <div className="space-y-6">
            <PurchaseRequestDetail request={data} editHref={`/purchase-requests/${data.id}/edit`} />
            <HistoryPanel title="Change history" source={{ kind: 'resource', resource: 'purchase-requests', id: data.id, version: data.updated_at }} />
          </div>
        )}
      </QueryState>
    </div>
  );
}
