import { PageHeader } from '@/components/layouts/page-header';
import { AuditEvents } from '@/features/audit/components/audit-events';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function AuditRoute() {
  useDocumentTitle('Audit');
  return (
    <>
      <PageHeader title="Audit" description="Every recorded change, in order. The log is append-only and hash-chained." />
      <AuditEvents />
    </>
  );
}
