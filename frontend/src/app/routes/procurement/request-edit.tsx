import { Link, useNavigate, useParams } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { useSubmitPurchaseRequest } from '@/features/purchase-requests/api/decide-purchase-request';
import { usePurchaseRequest } from '@/features/purchase-requests/api/get-purchase-request';
import { PurchaseRequestForm } from '@/features/purchase-requests/components/purchase-request-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api-error';

import { backLinkClass } from './shared';

export default function PurchaseRequestEditRoute() {
  const { requestId = '' } = useParams();
  const id = Number(requestId);
  const request = usePurchaseRequest(id);
  const navigate = useNavigate();
  const submit = useSubmitPurchaseRequest();
  useDocumentTitle(request.data ? `Edit ${request.data.number}` : 'Edit request');
  return (
    <>
      <p className="mb-2">
        <Link to={`/purchase-requests/${id}`} className={backLinkClass}>
          ← Back to the request
        </Link>
      </p>
      <PageHeader title={request.data ? `Edit ${request.data.number}` : 'Edit request'} />
      <QueryState query={request} what="the request">
        {(data) => (
          <Card>
            <PurchaseRequestForm
              request={data}
              onCancel={() => void navigate(`/purchase-requests/${id}`)}
              onSaved={async (saved, submitAfter) => {
                if (submitAfter) {
                  try {
                    await submit.mutateAsync(saved.id);
                    toast.success(`${saved.number} submitted for approval.`);
                  } catch (error) {
                    toast.error(`${saved.number} was saved but not submitted: ${errorMessage(error)}`);
                  }
                } else {
                  toast.success(`${saved.number} saved.`);
                }
                void navigate(`/purchase-requests/${saved.id}`);
              }}
            />
          </Card>
        )}
      </QueryState>
    </>
  );
}
