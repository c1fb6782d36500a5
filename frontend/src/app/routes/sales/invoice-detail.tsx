import { useState } from 'react';
import { Link, useParams } from 'react-router';

import { ActionButton } from '@/components/records/action-button';
import { Modal } from '@/components/ui/modal';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { CreditNoteForm } from '@/features/credit-notes/components/credit-note-form';
import { useCustomerInvoice } from '@/features/customer-invoices/api/get-customer-invoice';
import { CustomerInvoiceDetail } from '@/features/customer-invoices/components/customer-invoice-detail';
import { CustomerPaymentForm } from '@/features/receivables/components/customer-payment-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { formatMoney } from '@/lib/format';

import { backLinkClass } from './shared';

/**
 * A customer invoice: where it stands and what comes next, the documents around it, and the
 * actions the server allows the reader (recording a payment against it, crediting it).
 */
export default function CustomerInvoiceDetailRoute({ backTo = '/receivables', portal = false }: { backTo?: string; portal?: boolean }) {
  const { invoiceId = '' } = useParams();
  const invoice = useCustomerInvoice(Number(invoiceId));
  const [dialog, setDialog] = useState<'credit' | 'pay' | null>(null);
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
            <CustomerInvoiceDetail
              invoice={data}
              portal={portal}
              actions={
                <>
                  <ActionButton actions={data.available_actions} action="customer_payment.create" onClick={() => setDialog('pay')}>
                    Record payment
                  </ActionButton>
                  <ActionButton actions={data.available_actions} action="credit_note.create" variant="secondary" onClick={() => setDialog('credit')}>
                    Credit this invoice
                  </ActionButton>
                </>
              }
            />
            <Modal open={dialog === 'credit'} title={`Credit invoice ${data.number}`} onClose={() => setDialog(null)} size="lg">
              <CreditNoteForm
                invoice={data.id}
                lines={data.lines}
                onIssued={(note) => {
                  setDialog(null);
                  toast.success(`${note.number} issued: ${note.total} ${note.currency} credited; the balance and aging are updated.`);
                }}
              />
            </Modal>
            <Modal open={dialog === 'pay'} title={`Record a payment of invoice ${data.number}`} onClose={() => setDialog(null)} size="lg">
              <CustomerPaymentForm
                invoice={{ id: data.id, number: data.number, customer: data.customer, balance: data.balance }}
                onCancel={() => setDialog(null)}
                onRecorded={(payment) => {
                  setDialog(null);
                  toast.success(`${payment.number}: ${formatMoney(payment.amount, payment.currency)} recorded against ${data.number}.`);
                }}
              />
            </Modal>
          </>
        )}
      </QueryState>
    </div>
  );
}
