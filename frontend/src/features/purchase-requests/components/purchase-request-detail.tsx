import { useState } from 'react';
import { Link } from 'react-router';

import { ActionButton } from '@/components/records/action-button';
import { presenceOf } from '@/components/records/record-context';
import { RelatedDocuments } from '@/components/records/related-documents';
import { WorkflowStepper } from '@/components/records/workflow-stepper';
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
import type { PurchaseRequest } from '../api/get-purchase-request';
import { RequestStatusBadge } from '../lib/status';

import { ApprovalTimeline } from './approval-timeline';
import { DecisionForm } from './decision-form';

type Item = PurchaseRequest['items'][number];

const ITEM_COLUMNS: Column<Item>[] = [
  { key: 'line', header: '#', cell: (i) => i.line_no },
  { key: 'description', header: 'Item', cell: (i) => i.description || '—' },
  { key: 'quantity', header: 'Quantity', align: 'right', cell: (i) => formatQuantity(i.quantity, i.unit) },
];

interface PurchaseRequestDetailProps {
  request: PurchaseRequest;
  editHref: string;
}

export function PurchaseRequestDetail({ request, editHref }: PurchaseRequestDetailProps) {
  const decide = useDecidePurchaseRequest(request.id);
  const [dialog, setDialog] = useState<RequestAction | null>(null);
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const money = (value: string) => formatMoney(value, request.currency);
  const columns: Column<Item>[] = [
    ...ITEM_COLUMNS,
    { key: 'price', header: 'Est. unit price', align: 'right', cell: (i) => (i.estimated_unit_price ? money(i.estimated_unit_price) : '—') },
    { key: 'total', header: 'Line total', align: 'right', cell: (i) => money(i.line_total) },
  ];

  // What the reader may do, decided by the server (role, state, their step, segregation of duties).
  const actions = request.available_actions;
  const editable = presenceOf(actions, 'purchase_request.submit').kind === 'show';
  const canDecide = presenceOf(actions, 'purchase_request.approve').kind === 'show';

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
          <ActionButton actions={actions} action="purchase_request.approve" onClick={() => setDialog('approve')}>
            Approve
          </ActionButton>
          {canDecide ? (
            <>
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
          <ActionButton actions={actions} action="purchase_request.cancel" variant="ghost" onClick={() => setDialog('cancel')}>
            Cancel request
          </ActionButton>
        </div>
      </header>

      <WorkflowStepper workflow={request.workflow} label={`Where ${request.number} stands`} />

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
        <div className="space-y-6">
          <Card title="Approval steps">
            <ApprovalTimeline steps={request.steps} history={request.approval_history} />
          </Card>
          <RelatedDocuments documents={request.related_documents} />
        </div>
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
