import { useState } from 'react';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DescriptionList } from '@/components/ui/description-list';
import { Modal } from '@/components/ui/modal';
import { Table, type Column } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatDateTime, formatMoney, formatQuantity } from '@/lib/format';

import { decisionMessage, useDecidePurchaseRequest, type RequestAction } from '../api/decide-purchase-request';
import type { ApprovalStep, PurchaseRequest } from '../api/get-purchase-request';
import { RequestStatusBadge } from '../lib/status';

import { ApprovalTimeline } from './approval-timeline';
import { DecisionForm } from './decision-form';

type Item = PurchaseRequest['items'][number];

export interface Viewer {
  id: number;
  roles: readonly string[];
}

/** Whether this person decides the request's pending step (the server checks it again). */
export function isCurrentApprover(step: ApprovalStep | null | undefined, viewer: Viewer): boolean {
  if (!step || step.status !== 'pending') return false;
  if (step.delegate) return step.delegate.id === viewer.id;
  if (step.approver) return step.approver.id === viewer.id;
  return step.kind === 'role' && viewer.roles.includes(step.role ?? '');
}

const ITEM_COLUMNS: Column<Item>[] = [
  { key: 'line', header: '#', cell: (i) => i.line_no },
  { key: 'description', header: 'Item', cell: (i) => i.description || '—' },
  { key: 'quantity', header: 'Quantity', align: 'right', cell: (i) => formatQuantity(i.quantity, i.unit) },
];

interface PurchaseRequestDetailProps {
  request: PurchaseRequest;
  viewer: Viewer;
  editHref: string;
}

export function PurchaseRequestDetail({ request, viewer, editHref }: PurchaseRequestDetailProps) {
  const decide = useDecidePurchaseRequest(request.id);
  const [dialog, setDialog] = useState<RequestAction | null>(null);
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const money = (value: string) => formatMoney(value, request.currency);
  const columns: Column<Item>[] = [
    ...ITEM_COLUMNS,
    { key: 'price', header: 'Est. unit price', align: 'right', cell: (i) => (i.estimated_unit_price ? money(i.estimated_unit_price) : '—') },
    { key: 'total', header: 'Line total', align: 'right', cell: (i) => money(i.line_total) },
  ];

  const isMine = request.requester.id === viewer.id;
  const editable = (request.status === 'draft' || request.status === 'returned') && isMine;
  const canDecide = request.status === 'pending_approval' && isCurrentApprover(request.current_step, viewer);
  const canCancel =
    ['draft', 'returned', 'pending_approval'].includes(request.status) && (isMine || viewer.roles.includes('procurement') || viewer.roles.includes('admin'));

  const run = async (action: RequestAction, comment = '') => {
    try {
      const saved = await decide.mutateAsync({ action, comment });
      toast.success(decisionMessage(saved, action));
      setDialog(null);
      setConfirmSubmit(false);
    } catch (error) {
      if (dialog) throw error;
      setConfirmSubmit(false);
      toast.error(`Could not ${action} ${request.number}: ${errorMessage(error)}`);
    }
  };

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600 dark:text-slate-400">{request.number}</p>
          <h1 className="text-2xl font-semibold tracking-tight">{request.title}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <RequestStatusBadge status={request.status} />
            <span className="text-slate-600 dark:text-slate-400">
              {request.requester.full_name} · {request.department_name}
            </span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {canDecide ? (
            <>
              <Button onClick={() => setDialog('approve')}>Approve</Button>
              <Button variant="secondary" onClick={() => setDialog('return')}>
                Return
              </Button>
              <Button variant="danger" onClick={() => setDialog('reject')}>
                Reject
              </Button>
            </>
          ) : null}
          {editable ? (
            <>
              <Button onClick={() => setConfirmSubmit(true)}>Submit for approval</Button>
              <Link to={editHref} className="inline-flex h-10 items-center rounded-md border border-slate-300 px-4 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
                Edit
              </Link>
            </>
          ) : null}
          {canCancel ? (
            <Button variant="ghost" onClick={() => setDialog('cancel')}>
              Cancel request
            </Button>
          ) : null}
        </div>
      </header>

      {canDecide ? (
        <p className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100">
          This request is waiting for your decision (step {request.current_step?.sequence}).
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Details">
            <DescriptionList
              items={[
                { term: 'Total', value: <span data-testid="request-detail-total">{money(request.total)}</span> },
                { term: 'Needed by', value: request.needed_by ? formatDate(request.needed_by) : '' },
                { term: 'Submitted', value: request.submitted_at ? formatDateTime(request.submitted_at) : '' },
                { term: 'Decided', value: request.decided_at ? formatDateTime(request.decided_at) : '' },
                { term: 'Description', value: request.description },
              ]}
            />
          </Card>
          <Card title="Items">
            <Table caption="Request items" columns={columns} rows={request.items} rowKey={(i) => i.id} emptyMessage="No items yet." />
          </Card>
        </div>
        <Card title="Approval">
          <ApprovalTimeline steps={request.steps} history={request.approval_history} />
        </Card>
      </div>

      <ConfirmDialog
        open={confirmSubmit}
        title={`Submit ${request.number} for approval?`}
        description="Approvers are notified; you cannot change it unless it is returned to you."
        confirmLabel="Submit"
        busy={decide.isPending}
        onConfirm={() => void run('submit')}
        onCancel={() => setConfirmSubmit(false)}
      />
      <Modal
        open={dialog !== null}
        title={dialog === 'approve' ? 'Approve request' : dialog === 'reject' ? 'Reject request' : dialog === 'return' ? 'Return for changes' : 'Cancel request'}
        onClose={() => setDialog(null)}
        busy={decide.isPending}
      >
        {dialog ? <DecisionForm action={dialog} onDecide={(comment) => run(dialog, comment)} onClose={() => setDialog(null)} /> : null}
      </Modal>
    </div>
  );
}
