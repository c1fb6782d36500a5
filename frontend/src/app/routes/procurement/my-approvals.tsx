import { PageHeader } from '@/components/layouts/page-header';
import { MyApprovals } from '@/features/approvals/components/my-approvals';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function MyApprovalsRoute() {
  useDocumentTitle('My approvals');
  return (
    <>
      <PageHeader title="My approvals" description="Purchase requests waiting for your decision, oldest first." />
      <MyApprovals requestHref={(r) => `/purchase-requests/${r.id}`} />
    </>
  );
}
