import { useState } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DescriptionList } from '@/components/ui/description-list';
import { Field } from '@/components/ui/field';
import { Modal } from '@/components/ui/modal';
import { Table, type Column } from '@/components/ui/table';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatDateTime, formatMoney, formatPrice, formatQuantity } from '@/lib/format';

import { ActionButton } from '@/components/records/action-button';
import { RelatedDocuments } from '@/components/records/related-documents';
import { WorkflowStepper } from '@/components/records/workflow-stepper';

import type { SupplierInvoiceDetail as SupplierInvoice } from '../api/get-supplier-invoice';
import { useInvoiceAction } from '../api/invoice-actions';
import { SETTLEMENT_METHODS } from '../api/record-supplier-payment';
import { InvoiceStatusBadge } from '../lib/status';

import { CreditNoteApplyForm } from './credit-note-apply-form';
import { CreditNotePostForm } from './credit-note-post-form';
import { DebitNotesPanel } from './debit-notes-panel';
import { MatchTable } from './match-table';
import { SupplierPaymentForm } from './supplier-payment-form';

type Line = SupplierInvoice['lines'][number];
type Payment = SupplierInvoice['payments'][number];
type Application = SupplierInvoice['credit_applications'][number];

interface SupplierInvoiceDetailProps {
  invoice: SupplierInvoice;
  orderHref?: string | undefined;
  documentHref?: string | undefined;
  /** Whether the person may apply the supplier's debit notes to this invoice. */
  canApplyDebitNotes?: boolean;
  /** Link to another supplier invoice (the one a credit note credits, or applied to). */
  invoiceHref?: (id: number) => string;
}

export function SupplierInvoiceDetail({ invoice, orderHref, documentHref, canApplyDebitNotes = false, invoiceHref }: SupplierInvoiceDetailProps) {
  const actions = invoice.available_actions;
  const act = useInvoiceAction(invoice.id);
  const credit = invoice.kind === 'credit_note';
  const [dialog, setDialog] = useState<'approve' | 'accept' | 'pay' | 'post' | 'apply' | null>(null);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | undefined>();
  const money = (value: string) => formatMoney(value, invoice.currency);
  const exceptions = invoice.match_exceptions;

  const run = async (action: 'match' | 'accept-exception' | 'approve', done: string, withComment = '') => {
    try {
      const result = await act.mutateAsync({ action, comment: withComment });
      toast.success(action === 'match' ? `Match: ${result.status === 'matched' ? 'everything agrees' : `${result.match_exceptions.length} exception(s)`}.` : done);
      setDialog(null);
    } catch (error) {
      if (action === 'accept-exception') setCommentError(errorMessage(error));
      else {
        setDialog(null);
        toast.error(errorMessage(error));
      }
    }
  };

  // Order lines by their number on the order, never by an internal id.
  const orderLineNo = new Map(invoice.match_lines.filter((m) => m.order_line_no !== null).map((m) => [m.line_no, `Line ${m.order_line_no}`]));
  const lineColumns: Column<Line>[] = [
    { key: 'no', header: '#', cell: (l) => l.line_no },
    { key: 'description', header: 'Description', cell: (l) => l.description || '—' },
    { key: 'order_line', header: 'Order line', cell: (l) => orderLineNo.get(l.line_no) ?? 'Not on the order' },
    { key: 'quantity', header: 'Quantity', align: 'right', cell: (l) => formatQuantity(l.quantity) },
    { key: 'price', header: 'Unit price', align: 'right', cell: (l) => formatPrice(l.unit_price, invoice.currency) },
    { key: 'total', header: 'Line total', align: 'right', cell: (l) => money(l.line_total) },
  ];
  const linkTo = (id: number, text: string) =>
    invoiceHref ? (
      <Link className="text-brand-700 underline dark:text-brand-500" to={invoiceHref(id)}>
        {text}
      </Link>
    ) : (
      text
    );
  const applicationColumns: Column<Application>[] = [
    { key: 'date', header: 'Applied on', cell: (a) => formatDate(a.paid_on) },
    { key: 'invoice', header: 'Invoice', cell: (a) => linkTo(a.invoice, a.invoice_number) },
    { key: 'amount', header: 'Amount', align: 'right', cell: (a) => money(a.amount) },
  ];
  const notePosted = (result: SupplierInvoice) => {
    setDialog(null);
    const applied = result.credit_applications.map((a) => a.invoice_number).join(', ');
    toast.success(applied ? `Credit note ${result.invoice_number} posted and applied to ${applied}.` : `Credit note ${result.invoice_number} posted.`);
  };
  const paymentColumns: Column<Payment>[] = [
    { key: 'date', header: 'Paid on', cell: (p) => formatDate(p.paid_on) },
    { key: 'method', header: 'Method', cell: (p) => SETTLEMENT_METHODS[p.method] ?? p.method },
    { key: 'reference', header: 'Reference', cell: (p) => p.reference || '—' },
    { key: 'amount', header: 'Amount', align: 'right', cell: (p) => money(p.amount) },
  ];

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600 dark:text-slate-400">{invoice.supplier_name}</p>
          <h1 className="text-2xl font-semibold tracking-tight">
            {invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice'} {invoice.invoice_number}
          </h1>
          <p className="mt-2">
            <InvoiceStatusBadge status={invoice.status} kind={invoice.kind} />
          </p>
        </div>
        {credit ? (
          <div className="flex flex-wrap items-start gap-2">
            <ActionButton actions={actions} action="supplier_invoice.post_credit_note" onClick={() => setDialog('post')}>
              Post credit note
            </ActionButton>
            <ActionButton actions={actions} action="supplier_invoice.apply_credit_note" onClick={() => setDialog('apply')}>
              Apply to invoice
            </ActionButton>
          </div>
        ) : (
          <div className="flex flex-wrap items-start gap-2">
            <ActionButton
              actions={actions}
              action="supplier_invoice.match"
              variant="secondary"
              busy={act.isPending && act.variables.action === 'match'}
              onClick={() => void run('match', '')}
            >
              {invoice.status === 'draft' ? 'Run the match' : 'Match again'}
            </ActionButton>
            <ActionButton actions={actions} action="supplier_invoice.accept_exception" onClick={() => setDialog('accept')}>
              Accept exception
            </ActionButton>
            <ActionButton actions={actions} action="supplier_invoice.approve" onClick={() => setDialog('approve')}>
              Approve for payment
            </ActionButton>
            <ActionButton actions={actions} action="supplier_payment.create" onClick={() => setDialog('pay')}>
              Record payment
            </ActionButton>
          </div>
        )}
      </header>

      <WorkflowStepper workflow={invoice.workflow} label={`Where ${credit ? 'credit note' : 'invoice'} ${invoice.invoice_number} stands`} />

      {invoice.status === 'draft' && invoice.low_confidence_fields.length > 0 ? (
        <Alert tone="warning">
          Read from the document with low confidence, check against it: {invoice.low_confidence_fields.map((f) => f.replace(/_/g, ' ')).join(', ')}.
        </Alert>
      ) : null}
      {credit ? (
        <Card title="Credit">
          <DescriptionList
            items={[
              {
                term: 'Credits invoice',
                value:
                  invoice.credited_invoice && invoice.credited_invoice_number
                    ? linkTo(invoice.credited_invoice, invoice.credited_invoice_number)
                    : invoice.credited_invoice_reference
                      ? `${invoice.credited_invoice_reference}, named on the document: no open invoice of the supplier has that number`
                      : 'Not named on the document',
              },
              { term: 'Applied', value: money(invoice.amount_paid) },
              { term: 'Credit left', value: <span data-testid="credit-left">{money(invoice.balance)}</span> },
            ]}
          />
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {invoice.status === 'draft'
              ? 'A credit note is not matched against receipts: check its amounts against the document and post it. It is applied at once to the invoice it credits when that one is approved and open.'
              : invoice.status === 'approved' || invoice.status === 'partially_paid'
                ? 'Credit the supplier owes us: it shows as a negative amount in their payables until applied to one of their invoices.'
                : ''}
          </p>
          <div className="mt-4">
            <Table caption="Applied to invoices" columns={applicationColumns} rows={invoice.credit_applications} rowKey={(a) => a.id} emptyMessage="Not applied yet." />
          </div>
        </Card>
      ) : (
      <Card title="Three-way match">
        {invoice.status === 'draft' ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Not matched yet.</p>
        ) : exceptions.length === 0 ? (
          <Alert tone="success">
            <span data-testid="match-result">Invoice, order and receipts agree.</span>
            {invoice.matched_at ? ` Matched ${formatDateTime(invoice.matched_at)}.` : ''}
          </Alert>
        ) : (
          <div className="space-y-2">
            <Alert tone={invoice.exception_accepted_by ? 'info' : 'warning'}>
              <span data-testid="match-result">
                {exceptions.length} exception(s)
                {invoice.exception_accepted_by ? ` — accepted by ${invoice.exception_accepted_by.full_name}: “${invoice.exception_comment}”` : ' to resolve or accept.'}
              </span>
            </Alert>
            {exceptions.some((issue) => !issue.line_no) ? (
              <ul className="list-disc space-y-1 pl-5 text-sm" aria-label="Match exceptions">
                {exceptions
                  .filter((issue) => !issue.line_no)
                  .map((issue, index) => (
                    <li key={`${issue.code}-${index}`}>{issue.message}</li>
                  ))}
              </ul>
            ) : null}
          </div>
        )}
        {invoice.match_lines.length > 0 ? (
          <div className="mt-4">
            <MatchTable lines={invoice.match_lines} currency={invoice.currency} />
          </div>
        ) : null}
      </Card>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Amounts">
          <DescriptionList
            items={[
              { term: 'Subtotal', value: money(invoice.subtotal) },
              { term: 'Tax', value: money(invoice.tax) },
              { term: 'Total', value: <strong>{money(invoice.total)}</strong> },
              { term: credit ? 'Applied' : 'Paid', value: money(invoice.amount_paid) },
              { term: credit ? 'Credit left' : 'Balance', value: <span data-testid="invoice-balance">{money(invoice.balance)}</span> },
            ]}
          />
        </Card>
        <Card title="Dates and order" className="lg:col-span-2">
          <DescriptionList
            items={[
              { term: credit ? 'Credit note date' : 'Invoice date', value: formatDate(invoice.invoice_date) },
              { term: 'Due', value: invoice.due_date ? formatDate(invoice.due_date) : '' },
              {
                term: 'Purchase order',
                value: invoice.purchase_order_number ? (orderHref ? <Link className="text-brand-700 underline dark:text-brand-500" to={orderHref}>{invoice.purchase_order_number}</Link> : invoice.purchase_order_number) : '',
              },
              {
                term: 'Source document',
                value: documentHref ? (
                  <Link className="text-brand-700 underline dark:text-brand-500" to={documentHref}>
                    Review the document
                  </Link>
                ) : (
                  ''
                ),
              },
              { term: 'Entered by', value: invoice.entered_by?.full_name ?? '' },
              { term: 'Approved', value: invoice.approved_by ? `${invoice.approved_by.full_name}, ${invoice.approved_at ? formatDateTime(invoice.approved_at) : ''}` : '' },
            ]}
          />
        </Card>
      </div>
      <Card title="Lines">
        <Table caption="Invoice lines" columns={lineColumns} rows={invoice.lines} rowKey={(l) => l.id} emptyMessage="No lines." />
      </Card>
      {credit ? null : (
        <>
          <Card title="Payments">
            <Table caption="Payments" columns={paymentColumns} rows={invoice.payments} rowKey={(p) => p.id} emptyMessage="No payments yet." />
          </Card>
          <DebitNotesPanel invoice={invoice} canApply={canApplyDebitNotes} />
        </>
      )}
      <RelatedDocuments documents={invoice.related_documents} />

      <Modal open={dialog === 'post'} title={`Post credit note ${invoice.invoice_number}`} onClose={() => setDialog(null)}>
        <CreditNotePostForm note={invoice} onPosted={notePosted} />
      </Modal>
      <Modal open={dialog === 'apply'} title={`Apply credit note ${invoice.invoice_number}`} onClose={() => setDialog(null)}>
        <CreditNoteApplyForm
          note={invoice}
          onApplied={(saved) => {
            setDialog(null);
            toast.success(`Credit applied; ${formatMoney(saved.balance, saved.currency)} left.`);
          }}
        />
      </Modal>
      <ConfirmDialog
        open={dialog === 'approve'}
        title={`Approve invoice ${invoice.invoice_number} for payment?`}
        description={`${money(invoice.total)} to ${invoice.supplier_name}. Someone other than whoever entered it must approve.`}
        confirmLabel="Approve for payment"
        busy={act.isPending}
        onConfirm={() => void run('approve', `Invoice ${invoice.invoice_number} approved for payment.`)}
        onCancel={() => setDialog(null)}
      />
      <Modal open={dialog === 'accept'} title="Accept the exception" onClose={() => setDialog(null)} busy={act.isPending}>
        <form
          className="space-y-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!comment.trim()) {
              setCommentError('Say why the difference is acceptable.');
              return;
            }
            void run('accept-exception', 'Exception accepted; the invoice can be approved.', comment.trim());
          }}
        >
          <Field label="Why it is acceptable" error={commentError} required>
            {(c) => <Textarea {...c} value={comment} onChange={(event) => setComment(event.target.value)} autoFocus />}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDialog(null)}>
              Back
            </Button>
            <Button type="submit" busy={act.isPending}>
              Accept exception
            </Button>
          </div>
        </form>
      </Modal>
      <Modal open={dialog === 'pay'} title={`Pay invoice ${invoice.invoice_number}`} onClose={() => setDialog(null)}>
        <SupplierPaymentForm
          invoice={invoice.id}
          balance={invoice.balance}
          onRecorded={(payment) => {
            setDialog(null);
            toast.success(`Payment of ${money(payment.amount)} recorded.`);
          }}
        />
      </Modal>
    </div>
  );
}
