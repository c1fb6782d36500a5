import { Link, useNavigate } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { toast } from '@/components/ui/toast';
import { useSubmitPurchaseRequest } from '@/features/purchase-requests/api/decide-purchase-request';
import { PurchaseRequestForm } from '@/features/purchase-requests/components/purchase-request-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api-error';

import { backLinkClass } from './shared';

export default function PurchaseRequestNewRoute() {
  useDocumentTitle('New purchase request');
  const navigate = useNavigate();
  const submit = useSubmitPurchaseRequest();
  return (
    <>
      <p className="mb-2">
        <Link to="/purchase-requests" className={backLinkClass}>
          ← Purchase requests
        </Link>
      </p>
      <PageHeader title="New purchase request" />
      <Card>
        <PurchaseRequestForm
          onCancel={() => void navigate('/purchase-requests')}
          onSaved={async (saved, submitAfter) => {
            if (submitAfter) {
              try {
                await submit.mutateAsync(saved.id);
                toast.success(`${saved.number} submitted for approval.`);
              } catch (error) {
                toast.error(`${saved.number} was saved as a draft but not submitted: ${errorMessage(error)}`);
              }
            } else {
              toast.success(`${saved.number} saved as a draft.`);
            }
            void navigate(`/purchase-requests/${saved.id}`);
          }}
        />
      </Card>
    </>
  );
}
