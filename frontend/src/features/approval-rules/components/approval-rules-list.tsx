import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { Table, type Column } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { ROLE_LABELS, isRole } from '@/config/roles';
import { errorMessage } from '@/lib/api-error';
import { formatMoney } from '@/lib/format';

import { ApprovalRuleEditor } from './approval-rule-form';
import { useApprovalRules, useSetApprovalRuleActive, type ApprovalRule, type ApprovalRuleStep } from '../api/approval-rules';

export function describeStep(step: ApprovalRuleStep): string {
  const who =
    step.kind === 'manager'
      ? "the requester's manager"
      : step.kind === 'department_head'
        ? 'the department head'
        : step.kind === 'role'
          ? `anyone who is ${step.role && isRole(step.role) ? ROLE_LABELS[step.role].toLowerCase() : (step.role ?? 'an approver')}`
          : step.user_name || 'a named user';
  return step.only_over_budget ? `${who} (only over budget)` : who;
}

function amountRange(rule: ApprovalRule): string {
  const currency = rule.currency ?? 'USD';
  const over = rule.amount_over ? formatMoney(rule.amount_over, currency) : formatMoney('0', currency);
  return rule.amount_up_to ? `over ${over} up to ${formatMoney(rule.amount_up_to, currency)}` : `over ${over}`;
}

/**
 * Which approvals a request needs: each rule's amount range, department and category, and its
 * steps in order. Everyone on the staff reads them; administrators create and change rules and
 * their steps, and switch rules on and off.
 */
export function ApprovalRulesList({ canEdit, canCreate = canEdit }: { canEdit: boolean; canCreate?: boolean }) {
  const rules = useApprovalRules();
  const toggle = useSetApprovalRuleActive();
  // null: closed; 'new': a new rule; otherwise the rule being changed.
  const [editing, setEditing] = useState<ApprovalRule | 'new' | null>(null);
  const columns: Column<ApprovalRule>[] = [
    { key: 'name', header: 'Rule', cell: (r) => <span className="font-medium">{r.name}</span> },
    { key: 'amount', header: 'Request total', cell: amountRange },
    { key: 'scope', header: 'Applies to', cell: (r) => [r.department_name || 'every department', r.category_name || 'every category'].join(', ') },
    {
      key: 'steps',
      header: 'Approved by, in order',
      cell: (r) => (
        <ol className="list-decimal space-y-0.5 pl-4">
          {r.steps.map((step) => (
            <li key={step.sequence}>{describeStep(step)}</li>
          ))}
        </ol>
      ),
    },
    { key: 'priority', header: 'Priority', align: 'right', cell: (r) => r.priority ?? '' },
    { key: 'active', header: 'Status', cell: (r) => (r.is_active === false ? <Badge>Inactive</Badge> : <Badge tone="success">Active</Badge>) },
    ...(canEdit
      ? [
          {
            key: 'actions',
            header: <span className="sr-only">Actions</span>,
            cell: (r: ApprovalRule) => (
              <div className="flex flex-wrap gap-1">
                <Button size="sm" variant="ghost" onClick={() => setEditing(r)}>
                  Edit<span className="sr-only"> {r.name}</span>
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  busy={toggle.isPending && toggle.variables.id === r.id}
                  onClick={() =>
                    toggle
                      .mutateAsync({ id: r.id, active: r.is_active === false })
                      .then((saved) => toast.success(`${saved.name} is ${saved.is_active === false ? 'off' : 'on'}.`))
                      .catch((error: unknown) => toast.error(`Could not change ${r.name}: ${errorMessage(error)}`))
                  }
                >
                  {r.is_active === false ? 'Activate' : 'Deactivate'}
                  <span className="sr-only"> {r.name}</span>
                </Button>
              </div>
            ),
          },
        ]
      : []),
  ];
  const editedRule = editing === 'new' ? null : editing;
  return (
    <div className="space-y-4">
      {canCreate ? (
        <div className="flex justify-end">
          <Button onClick={() => setEditing('new')}>New rule</Button>
        </div>
      ) : null}
      <Table
        caption="Approval rules"
        columns={columns}
        rows={rules.data?.results}
        rowKey={(r) => r.id}
        isLoading={rules.isPending}
        error={rules.isError ? `Could not load the approval rules. ${errorMessage(rules.error)}` : null}
        onRetry={() => void rules.refetch()}
        emptyMessage="No approval rules: requests need no approval."
      />
      <Modal open={editing !== null} title={editedRule ? `Edit ${editedRule.name}` : 'New approval rule'} onClose={() => setEditing(null)} size="lg">
        {editing !== null ? (
          <ApprovalRuleEditor
            rule={editedRule}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              toast.success(editedRule ? `${saved.name} saved; new requests follow it.` : `${saved.name} created; new requests follow it.`);
            }}
          />
        ) : null}
      </Modal>
    </div>
  );
}
