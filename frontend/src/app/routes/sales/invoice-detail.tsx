import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { ActionButton } from '@/components/records/action-button';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { CreditNoteForm } from '@/features/credit-notes/components/credit-note-form';
import { useCustomerInvoice } from '@/features/customer-invoices/api/get-customer-invoice';
import { CustomerInvoiceDetail } from '@/features/customer-invoices/components/customer-invoice-detail';
import { useAuthoriseCustomerReturn } from '@/features/customer-returns/api/authorise-customer-return';
import { ReturnAuthoriseForm, returnableRows } from '@/features/customer-returns/components/return-authorise-form';
import { useCorrectInvoicePrices, useInvoicePrices } from '@/features/price-corrections/api/price-corrections';
import { PriceCorrectionForm } from '@/features/price-corrections/components/price-correction-form';
import { CustomerPaymentForm } from '@/features/receivables/components/customer-payment-form';
import { useShipments } from '@/features/shipments/api/get-shipments';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { formatMoney } from '@/lib/format';

import { useCan } from '../../use-can';
import { backLinkClass } from './shared';

/**
 * A customer invoice: where it stands and what comes next, the documents around it, and the
 * actions the server allows the reader (recording a payment against it, crediting it); staff
 * may also authorise a return of its goods or correct its prices (a credit or debit note).
 */
export default function CustomerInvoiceDetailRoute({ backTo = '/receivables', portal = false }: { backTo?: string; portal?: boolean }) {
  const { invoiceId = '' } = useParams();
  const invoice = useCustomerInvoice(Number(invoiceId));
  const [dialog, setDialog] = useState<'credit' | 'pay' | 'return' | 'correct' | null>(null);
  const canReturn = useCan('customer_return.create') && !portal;
  const canCorrect = useCan('customer_invoice.correct_price') && !portal;
  const navigate = useNavigate();
  const authorise = useAuthoriseCustomerReturn();
  const correct = useCorrectInvoicePrices(Number(invoiceId));
  const prices = useInvoicePrices(Number(invoiceId), dialog === 'correct');
  const shipments = useShipments({ order: invoice.data?.order, page_size: 200 }, dialog === 'return' && invoice.data !== undefined);
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
                  {canCorrect && data.kind === 'invoice' ? (
                    <Button variant="secondary" onClick={() => setDialog('correct')}>
                      Correct prices
                    </Button>
                  ) : null}
                  {canReturn && data.kind === 'invoice' ? (
                    <Button variant="secondary" onClick={() => setDialog('return')}>
                      Authorise a return
                    </Button>
                  ) : null}
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
            <Modal open={dialog === 'return'} title={`Return goods of ${data.number}`} onClose={() => setDialog(null)} size="lg">
              <QueryState query={shipments} what="the shipments">
                {(page) => (
                  <ReturnAuthoriseForm
                    rows={returnableRows(
                      data.lines,
                      page.results.flatMap((shipment) => shipment.lines),
                    )}
                    onSubmit={async (input) => {
                      const created = await authorise.mutateAsync({ ...input, invoice: data.id });
                      setDialog(null);
                      toast.success(`${created.number} authorised.`);
                      void navigate(`/sales-orders/returns/${created.id}`);
                    }}
                  />
                )}
              </QueryState>
            </Modal>
            <Modal open={dialog === 'correct'} title={`Correct prices of ${data.number}`} onClose={() => setDialog(null)} size="lg">
              <QueryState query={prices} what="the prices">
                {(lines) => (
                  <PriceCorrectionForm
                    lines={lines}
                    currency={data.currency}
                    onSubmit={async (input) => {
                      const result = await correct.mutateAsync(input);
                      setDialog(null);
                      const kind = result.document_type === 'debit_note' ? 'Debit note' : 'Credit note';
                      toast.success(`${kind} ${result.number} issued for ${result.total} ${result.currency}; the balance and aging are updated.`);
                    }}
                  />
                )}
              </QueryState>
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
