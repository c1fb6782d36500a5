import { Badge, type BadgeTone } from '@/components/ui/badge';
import { formatDateTime } from '@/lib/format';

import type { ApprovalHistoryEntry, ApprovalStep } from '../api/get-purchase-request';

const STEP_TONE: Record<string, BadgeTone> = {
  pending: 'info',
  approved: 'success',
  rejected: 'danger',
  returned: 'warning',
  waiting: 'neutral',
  cancelled: 'neutral',
};

const KIND_LABEL: Record<string, string> = {
  manager: "Requester's manager",
  department_head: 'Department head',
  role: 'Role',
  user: 'Named approver',
};

function stepWho(step: ApprovalStep): string {
  const who = step.delegate ? `${step.delegate.full_name} (for ${step.approver?.full_name ?? 'the approver'})` : step.approver?.full_name;
  const kind = KIND_LABEL[step.kind] ?? step.kind;
  return who ? `${kind}: ${who}` : `${kind}${step.role ? ` ${step.role}` : ''}`;
}

function label(text: string): string {
  return text.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Who must decide, in order, and everything that happened so far. */
export function ApprovalTimeline({ steps, history }: { steps: readonly ApprovalStep[]; history: readonly ApprovalHistoryEntry[] }) {
  const latestRound = steps.reduce((max, step) => Math.max(max, step.round), 0);
  const current = steps.filter((step) => step.round === latestRound);
  return (
    <div className="space-y-5">
      {current.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Approvers are chosen when the request is submitted.</p>
      ) : (
        <ol className="space-y-2" aria-label="Approval steps">
          {current.map((step) => (
            <li key={step.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
              <span>
                <span className="font-medium">Step {step.sequence}.</span> {stepWho(step)}
              </span>
              <Badge tone={STEP_TONE[step.status] ?? 'neutral'}>{label(step.status)}</Badge>
            </li>
          ))}
        </ol>
      )}
      <div>
        <h3 className="mb-2 text-sm font-semibold">History</h3>
        {history.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Nothing has happened yet.</p>
        ) : (
          <ol className="relative space-y-4 border-l border-slate-200 pl-5 dark:border-slate-800" aria-label="Approval history">
            {history.map((entry) => (
              <li key={entry.id} className="text-sm">
                <span aria-hidden="true" className="absolute -left-1.5 mt-1.5 size-3 rounded-full border-2 border-white bg-brand-600 dark:border-slate-950" />
                <p>
                  <span className="font-medium">{label(entry.action)}</span>
                  {entry.actor ? ` by ${entry.actor.full_name}` : ''}
                  {entry.assignee && entry.action !== 'approved' ? ` → ${entry.assignee.full_name}` : ''}
                  <span className="text-slate-600 dark:text-slate-400"> · {formatDateTime(entry.created_at)}</span>
                </p>
                {entry.comment ? <p className="mt-1 rounded bg-slate-50 px-2 py-1 text-slate-700 dark:bg-slate-900 dark:text-slate-300">“{entry.comment}”</p> : null}
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
