import { PageHeader } from '@/components/layouts/page-header';
import { WebhooksAdmin } from '@/features/webhooks/components/webhooks-admin';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function WebhooksRoute() {
  useDocumentTitle('Webhooks');
  return (
    <>
      <PageHeader title="Webhooks" description="Tell other systems when something happens: signed HTTP calls for the events you choose." />
      <WebhooksAdmin />
    </>
  );
}
