import { useState, type ReactNode } from 'react';

import { RelatedDocuments } from '@/components/records/related-documents';
import { WorkflowStepper } from '@/components/records/workflow-stepper';
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
import { formatDate, formatDateTime, formatMoney, formatQuantity } from '@/lib/format';

import { useCancelSalesOrder } from '../api/cancel-sales-order';
import { describeConfirmError, useConfirmSalesOrder, type ConfirmProblem } from '../api/confirm-sales-order';
import { useOrderStock } from '../api/get-order-stock';
import type { SalesOrder, SalesOrderLine } from '../api/get-sales-order';
import { SalesStatusBadge } from '../lib/status';

import { ConfirmProblemPanel } from './confirm-problem';

interface SalesOrderDetailProps {
  order: SalesOrder;
  canConfirm: boolean;
  canCancel: boolean;
  canOverrideCredit: boolean;
  showStock: boolean;
  /** Ship and invoice actions, composed by the page from their own features. */
  actions?: ReactNode;
  aside?: ReactNode;
  /** A portal customer's view: linked invoices open on the portal's pages. */
  portal?: boolean;
}

export function SalesOrderDetail({ order, canConfirm, canCancel, canOverrideCredit, showStock, actions, aside, portal = false }: SalesOrderDetailProps) {
  const confirm = useConfirmSalesOrder(order.id);
  const cancel = useCancelSalesOrder(order.id);
  const stock = useOrderStock(order, showStock);
  const [problem, setProblem] = useState<ConfirmProblem | null>(null);
  const [dialog, setDialog] = useState<'cancel' | 'override' | null>(null);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | undefined>();
  const money = (value: string) => formatMoney(value, order.currency);

  const onConfirm = async (override?: { comment: string }) => {
    setProblem(null);
    try {
      const confirmed = await confirm.mutateAsync(override ? { override_credit: true, comment: override.comment } : {});
      toast.success(`${confirmed.number} confirmed; stock is reserved.`);
      setDialog(null);
    } catch (error) {
      if (override) {
        setCommentError(errorMessage(error));
        return;
      }
      setProblem(await describeConfirmError(error, order));
    }
  };
  const onCancel = async () => {
    try {
      await cancel.mutateAsync('');
      toast.success(`${order.number} cancelled.`);
    } catch (error) {
      toast.error(`Could not cancel ${order.number}: ${errorMessage(error)}`);
    } finally {
      setDialog(null);
    }
  };

  const columns: Column<SalesOrderLine>[] = [
    { key: 'no', header: '#', cell: (l) => l.line_no },
    {
      key: 'product',
      header: 'Product',
      cell: (l) => (
        <>
          <span className="block whitespace-nowrap font-medium">{l.sku}</span>
          <span className="block min-w-40 text-slate-600 dark:text-slate-400">{l.description}</span>
        </>
      ),
    },
    { key: 'quantity', header: 'Quantity', align: 'right', cell: (l) => formatQuantity(l.quantity, l.unit) },
    {
      key: 'price',
      header: 'Unit price',
      align: 'right',
      cell: (l) => (
        <>
          <span className="block">{money(l.unit_price)}</span>
          {l.price_source ? <span className="block text-xs text-slate-600 dark:text-slate-400">{l.price_source}</span> : null}
        </>
      ),
    },
    { key: 'net', header: 'Net', align: 'right', cell: (l) => money(l.net_amount) },
    { key: 'reserved', header: 'Reserved', align: 'right', cell: (l) => formatQuantity(l.quantity_reserved) },
    { key: 'shipped', header: 'Shipped', align: 'right', cell: (l) => formatQuantity(l.quantity_shipped) },
  ];
  if (showStock) {
    columns.push({
      key: 'stock',
      header: `Free at ${order.location_code}`,
      align: 'right',
      cell: (l) => {
        const row = stock.data?.[l.product];
        return row ? (
          <span data-testid={`available-${l.line_no}`} title={`On hand ${row.on_hand}, reserved ${row.reserved}`}>
            {formatQuantity(row.available)}
          </span>
        ) : stock.isPending ? (
          '…'
        ) : (
          '—'
        );
      },
    });
  }

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{order.number}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <SalesStatusBadge status={order.status} />
            <span className="text-slate-600 dark:text-slate-400">
              {order.customer_name} · ships from {order.location_code}
            </span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {canConfirm && order.status === 'draft' ? (
            <Button onClick={() => void onConfirm()} busy={confirm.isPending && dialog === null}>
              Confirm order
            </Button>
          ) : null}
          {actions}
          {canCancel && (order.status === 'draft' || order.status === 'confirmed') ? (
            <Button variant="ghost" onClick={() => setDialog('cancel')}>
              Cancel order
            </Button>
          ) : null}
        </div>
      </header>
      <WorkflowStepper workflow={order.workflow} label={`Where ${order.number} stands`} />
      {problem ? (
        <div className="space-y-2">
          <ConfirmProblemPanel problem={problem} />
          {problem.kind === 'credit-limit' && canOverrideCredit ? (
            <Button variant="secondary" onClick={() => setDialog('override')}>
              Confirm beyond the credit limit
            </Button>
          ) : null}
        </div>
      ) : null}
      <Card title="Lines">
        <Table caption="Order lines" columns={columns} rows={order.lines} rowKey={(l) => l.id} emptyMessage="No lines." />
      </Card>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Totals">
            <DescriptionList
              items={[
                { term: 'Subtotal', value: money(order.subtotal) },
                { term: 'Discount', value: money(order.discount_amount) },
                { term: 'Tax', value: money(order.tax_total) },
                { term: 'Shipping', value: money(order.shipping_charge) },
                { term: 'Total', value: <strong data-testid="sales-order-total">{money(order.total)}</strong> },
              ]}
            />
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Order">
            <DescriptionList
              items={[
                { term: 'Order date', value: formatDate(order.order_date) },
                { term: 'Requested', value: order.requested_date ? formatDate(order.requested_date) : '' },
                { term: 'Customer reference', value: order.customer_reference },
                { term: 'Confirmed', value: order.confirmed_at ? formatDateTime(order.confirmed_at) : '' },
                { term: 'Notes', value: order.notes },
              ]}
            />
          </Card>
          <Card title="Status history">
            <ol className="space-y-2 text-sm" aria-label="Status history">
              {order.history.map((entry, index) => (
                <li key={`${entry.at}-${index}`}>
                  <span className="font-medium">{entry.to_status.replace(/_/g, ' ')}</span>
                  <span className="text-slate-600 dark:text-slate-400">
                    {' '}
                    · {formatDateTime(entry.at)}
                    {entry.by_email ? ` · ${entry.by_email}` : ''}
                  </span>
                  {entry.reason ? <p className="text-slate-700 dark:text-slate-300">{entry.reason}</p> : null}
                </li>
              ))}
            </ol>
          </Card>
          {aside}
          <RelatedDocuments documents={order.related_documents} portal={portal} />
        </div>
      </div>
      <ConfirmDialog
        open={dialog === 'cancel'}
        title={`Cancel ${order.number}?`}
        description={order.status === 'confirmed' ? 'The reserved stock is released.' : 'The draft is withdrawn.'}
        confirmLabel="Cancel order"
        cancelLabel="Keep order"
        tone="danger"
        busy={cancel.isPending}
        onConfirm={() => void onCancel()}
        onCancel={() => setDialog(null)}
      />
      <Modal open={dialog === 'override'} title="Confirm beyond the credit limit" onClose={() => setDialog(null)} busy={confirm.isPending}>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!comment.trim()) {
              setCommentError('Say why the order may go beyond the limit.');
              return;
            }
            void onConfirm({ comment: comment.trim() });
          }}
        >
          <Field label="Why" error={commentError} required>
            {(c) => <Textarea {...c} value={comment} onChange={(event) => setComment(event.target.value)} autoFocus />}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDialog(null)}>
              Back
            </Button>
            <Button type="submit" busy={confirm.isPending}>
              Confirm order
            </Button>
          </div>
        </form>
      </Modal>
    </div>
  );
}
