import { useState } from 'react';
import { Link, useParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { CreditNoteForm } from '@/features/credit-notes/components/credit-note-form';
import { useCustomerInvoice } from '@/features/customer-invoices/api/get-customer-invoice';
import { CustomerInvoiceDetail } from '@/features/customer-invoices/components/customer-invoice-detail';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';
import { backLinkClass } from './shared';


export default function CustomerInvoiceDetailRoute({ backTo = '/receivables' }: { backTo?: string }) {
  const { invoiceId = '' } = useParams();
  const invoice = useCustomerInvoice(Number(invoiceId));
  const canCredit = useCan('credit_note.create');
  const [crediting, setCrediting] = useState(false);
  useDocumentTitle(invoice.data ? `Invoice ${invoice.data.number}` : 'Invoice');
  return (
    <div className="space-y-4">
      <p>
        <Link to={backTo} className={backLinkClass}>
          ← Invoices
        </Link>
      </p>
      <QueryState query={invoice} what="the invoice">
        {(data) => (
          <>
            <CustomerInvoiceDetail invoice={data} />
            {canCredit ? (
              <Button variant="secondary" onClick={() => setCrediting(true)}>
                Credit this invoice
              </Button>
            ) : null}
            <Modal open={crediting} title={`Credit invoice ${data.number}`} onClose={() => setCrediting(false)} size="lg">
              <CreditNoteForm
                invoice={data.id}
                lines={data.lines}
                onIssued={(note) => {
                  setCrediting(false);
                  toast.success(`${note.number} issued: ${note.total} ${note.currency} credited; the balance and aging are updated.`);
                }}
              />
            </Modal>
          </>
        )}
      </QueryState>
    </div>
  );
}
