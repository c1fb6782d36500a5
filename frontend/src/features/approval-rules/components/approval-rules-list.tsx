import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, type Column } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { ROLE_LABELS, isRole } from '@/config/roles';
import { errorMessage } from '@/lib/api-error';
import { formatMoney } from '@/lib/format';

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
 * steps in order. Everyone on the staff reads them; administrators switch rules on and off.
 */
export function ApprovalRulesList({ canEdit }: { canEdit: boolean }) {
  const rules = useApprovalRules();
  const toggle = useSetApprovalRuleActive();
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
            ),
          },
        ]
      : []),
  ];
  return (
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
  );
}
