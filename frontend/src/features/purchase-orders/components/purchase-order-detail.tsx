import { useState, type ReactNode } from 'react';

import { ActionButton } from '@/components/records/action-button';
import { presenceOf } from '@/components/records/record-context';
import { RelatedDocuments } from '@/components/records/related-documents';
import { WorkflowStepper } from '@/components/records/workflow-stepper';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DescriptionList } from '@/components/ui/description-list';
import { Table, type Column } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatDateTime, formatMoney, formatPrice, formatQuantity } from '@/lib/format';

import { useCancelPurchaseOrder } from '../api/cancel-purchase-order';
import { useClosePurchaseOrder } from '../api/close-purchase-order';
import { downloadPurchaseOrderPdf } from '../api/download-purchase-order-pdf';
import type { PurchaseOrderDetail, PurchaseOrderLine } from '../api/get-purchase-order';
import { useIssuePurchaseOrder } from '../api/issue-purchase-order';
import { OrderStatusBadge, receivedPercent } from '../lib/status';

function Progress({ line }: { line: PurchaseOrderLine }) {
  const percent = receivedPercent(line.quantity_received, line.quantity);
  return (
    <div className="min-w-32">
      <div
        role="progressbar"
        aria-label={`Line ${line.line_no} received`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full bg-emerald-600" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid={`received-${line.line_no}`}>
        {formatQuantity(line.quantity_received)} of {formatQuantity(line.quantity, line.unit)}
      </p>
    </div>
  );
}

interface PurchaseOrderDetailProps {
  order: PurchaseOrderDetail;
  onReceive: () => void;
  /** Change the lines (a draft) or revise the order (issued or partly received). */
  onEdit?: () => void;
  /** Receiving by scanning case labels (lot-tracked, catch-weight goods). */
  onScanReceive?: () => void;
  /** Receipts and history, composed by the page. */
  aside?: ReactNode;
}

export function PurchaseOrderDetailView({ order, onReceive, onEdit, onScanReceive, aside }: PurchaseOrderDetailProps) {
  const issue = useIssuePurchaseOrder(order.id);
  const cancel = useCancelPurchaseOrder(order.id);
  const close = useClosePurchaseOrder(order.id);
  const actions = order.available_actions;
  const [confirm, setConfirm] = useState<'issue' | 'cancel' | 'close' | null>(null);
  const [downloading, setDownloading] = useState(false);
  const money = (value: string) => formatMoney(value, order.currency);
  const columns: Column<PurchaseOrderLine>[] = [
    { key: 'line', header: '#', cell: (l) => l.line_no },
    { key: 'description', header: 'Item', cell: (l) => l.description },
    { key: 'quantity', header: 'Quantity', align: 'right', cell: (l) => formatQuantity(l.quantity, l.unit) },
    { key: 'price', header: 'Unit price', align: 'right', cell: (l) => formatPrice(l.unit_price, order.currency) },
    { key: 'total', header: 'Line total', align: 'right', cell: (l) => money(l.line_total) },
    { key: 'received', header: 'Received', cell: (l) => <Progress line={l} /> },
    { key: 'invoiced', header: 'Invoiced', align: 'right', cell: (l) => formatQuantity(l.quantity_invoiced) },
  ];
  const shortClose = order.status === 'partially_received';

  const onIssue = async () => {
    try {
      const issued = await issue.mutateAsync();
      toast.success(`${issued.number} issued; the supplier gets the PDF by e-mail.`);
    } catch (error) {
      toast.error(`Could not issue ${order.number}: ${errorMessage(error)}`);
    } finally {
      setConfirm(null);
    }
  };
  const onCancel = async () => {
    try {
      await cancel.mutateAsync('');
      toast.success(`${order.number} cancelled.`);
    } catch (error) {
      toast.error(`Could not cancel ${order.number}: ${errorMessage(error)}`);
    } finally {
      setConfirm(null);
    }
  };
  const onClose = async () => {
    try {
      const closed = await close.mutateAsync(shortClose ? 'short-closed: nothing more is expected' : '');
      toast.success(`${closed.number} closed.`);
    } catch (error) {
      toast.error(`Could not close ${order.number}: ${errorMessage(error)}`);
    } finally {
      setConfirm(null);
    }
  };
  const onPdf = async () => {
    setDownloading(true);
    try {
      await downloadPurchaseOrderPdf(order.id, order.number);
    } catch (error) {
      toast.error(`Could not download the PDF: ${errorMessage(error)}`);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{order.number}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <OrderStatusBadge status={order.status} />
            <span className="text-slate-600 dark:text-slate-400">
              {order.supplier_name} · ship to {order.ship_to_code}
              {order.revision > 0 ? ` · revision ${order.revision}` : ''}
            </span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <ActionButton actions={actions} action="purchase_order.issue" onClick={() => setConfirm('issue')}>
            Issue to supplier
          </ActionButton>
          {onEdit ? (
            <ActionButton actions={actions} action="purchase_order.update" variant="secondary" onClick={onEdit}>
              {order.status === 'draft' ? 'Edit lines' : 'Revise order'}
            </ActionButton>
          ) : null}
          <ActionButton actions={actions} action="goods_receipt.create" onClick={onReceive}>
            Receive goods
          </ActionButton>
          {presenceOf(actions, 'goods_receipt.create').kind === 'show' && onScanReceive ? (
            <Button variant="secondary" onClick={onScanReceive}>
              Receive by scanning
            </Button>
          ) : null}
          <Button variant="secondary" onClick={() => void onPdf()} busy={downloading}>
            Download PDF
          </Button>
          <ActionButton actions={actions} action="purchase_order.close" variant="secondary" onClick={() => setConfirm('close')}>
            {shortClose ? 'Short-close' : 'Close order'}
          </ActionButton>
          <ActionButton actions={actions} action="purchase_order.cancel" variant="ghost" onClick={() => setConfirm('cancel')}>
            Cancel order
          </ActionButton>
        </div>
      </header>
      <WorkflowStepper workflow={order.workflow} label={`Where ${order.number} stands`} />
      {order.last_mail_error ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          The last e-mail to the supplier failed: {order.last_mail_error}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Order">
            <DescriptionList
              items={[
                { term: 'Total', value: <span data-testid="order-total">{money(order.total)}</span> },
                { term: 'Payment terms', value: `Net ${order.payment_terms_days}` },
                { term: 'Expected', value: order.expected_date ? formatDate(order.expected_date) : '' },
                { term: 'Issued', value: order.issued_at ? formatDateTime(order.issued_at) : '' },
                {
                  term: 'From requests',
                  value: order.related_documents
                    .filter((d) => d.kind === 'purchase_request')
                    .map((d) => d.number)
                    .join(', '),
                },
                { term: 'Notes', value: order.notes },
              ]}
            />
          </Card>
        </div>
        <div className="space-y-6">
          {aside}
          <RelatedDocuments documents={order.related_documents} />
        </div>
      </div>
      <Card title="Lines and receipt progress">
        <Table caption="Order lines" columns={columns} rows={order.lines} rowKey={(l) => l.id} emptyMessage="No lines." />
      </Card>
      <ConfirmDialog
        open={confirm === 'issue'}
        title={`Issue ${order.number}?`}
        description={`The order goes to ${order.supplier_name} by e-mail. Later changes become revisions.`}
        confirmLabel="Issue order"
        busy={issue.isPending}
        onConfirm={() => void onIssue()}
        onCancel={() => setConfirm(null)}
      />
      <ConfirmDialog
        open={confirm === 'close'}
        title={shortClose ? `Short-close ${order.number}?` : `Close ${order.number}?`}
        description={
          shortClose
            ? 'Nothing more is expected from the supplier: the open quantities are dropped and the order leaves the receiving queue.'
            : 'The order is complete; it leaves the open lists and is archived after a year.'
        }
        confirmLabel={shortClose ? 'Short-close' : 'Close order'}
        busy={close.isPending}
        onConfirm={() => void onClose()}
        onCancel={() => setConfirm(null)}
      />
      <ConfirmDialog
        open={confirm === 'cancel'}
        title={`Cancel ${order.number}?`}
        description="The supplier is told the order is cancelled. This cannot be undone."
        confirmLabel="Cancel order"
        cancelLabel="Keep order"
        tone="danger"
        busy={cancel.isPending}
        onConfirm={() => void onCancel()}
        onCancel={() => setConfirm(null)}
      />
    </div>
  );
}
