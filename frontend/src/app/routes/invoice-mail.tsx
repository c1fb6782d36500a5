import { PageHeader } from '@/components/layouts/page-header';
import { MailboxesAdmin } from '@/features/mailin/components/mailboxes-admin';
import { ReceivedMail } from '@/features/mailin/components/received-mail';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../use-can';

export default function InvoiceMailRoute() {
  useDocumentTitle('Invoices by e-mail');
  const isAdmin = useCan('mailbox.create');
  return (
    <>
      <PageHeader
        title="Invoices by e-mail"
        description="Supplier invoices mailed to your mailboxes become documents, read like uploads."
      />
      <div className="space-y-8">
        {isAdmin ? (
          <section aria-labelledby="mailboxes" className="space-y-3">
            <h2 id="mailboxes" className="text-base font-semibold">
              Mailboxes
            </h2>
            <MailboxesAdmin />
          </section>
        ) : null}
        <section aria-labelledby="received" className="space-y-3">
          <h2 id="received" className="text-base font-semibold">
            Received by e-mail
          </h2>
          <ReceivedMail />
        </section>
      </div>
    </>
  );
}
