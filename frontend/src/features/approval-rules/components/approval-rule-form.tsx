import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { EditConflict, useEditVersion } from '@/components/records/edit-version';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { QueryState } from '@/components/ui/query-state';
import { Select } from '@/components/ui/select';
import { ROLE_LABELS, type Role } from '@/config/roles';
import { placeApiErrors } from '@/lib/form-errors';

import { approvalRuleQueryOptions, useRuleScopes, useSaveApprovalRule, type ApprovalRule, type ApprovalRuleInput, type ApprovalRuleStepInput } from '../api/approval-rules';

type StepKind = ApprovalRuleStepInput['kind'];

const KIND_LABELS: Record<StepKind, string> = {
  manager: "The requester's manager",
  department_head: 'The department head',
  role: 'Anyone holding a role',
  user: 'A named person',
};

/** The roles that may approve purchase requests (the server refuses a step naming another). */
const APPROVING_ROLES: readonly Role[] = ['approver', 'finance', 'admin'];

const CURRENCIES = ['USD', 'CAD', 'MXN', 'EUR', 'GBP'] as const;

const FIELDS = ['name', 'currency', 'amount_over', 'amount_up_to', 'department', 'category', 'priority', 'is_active', 'steps'] as const;

interface StepValues {
  /** Keeps a step's inputs with it when steps move. */
  key: number;
  kind: StepKind;
  role: string;
  user: string;
  only_over_budget: boolean;
}

interface RuleValues {
  name: string;
  currency: string;
  amount_over: string;
  amount_up_to: string;
  department: string;
  category: string;
  priority: string;
  is_active: boolean;
  steps: StepValues[];
}

let stepKeys = 0;
function newStep(values: Partial<StepValues> = {}): StepValues {
  stepKeys += 1;
  return { key: stepKeys, kind: 'manager', role: '', user: '', only_over_budget: false, ...values };
}

function initialValues(rule: ApprovalRule | null): RuleValues {
  if (!rule) {
    return { name: '', currency: 'USD', amount_over: '0.00', amount_up_to: '', department: '', category: '', priority: '100', is_active: true, steps: [newStep()] };
  }
  return {
    name: rule.name,
    currency: rule.currency ?? 'USD',
    amount_over: rule.amount_over ?? '0.00',
    amount_up_to: rule.amount_up_to ?? '',
    department: rule.department ? String(rule.department) : '',
    category: rule.category ? String(rule.category) : '',
    priority: String(rule.priority ?? 100),
    is_active: rule.is_active !== false,
    steps: rule.steps.map((step) => newStep({ kind: step.kind, role: step.role ?? '', user: step.user ? String(step.user) : '', only_over_budget: Boolean(step.only_over_budget) })),
  };
}

const AMOUNT = /^\d+(\.\d{1,2})?$/;

/** What the form can tell before asking the server; the server checks again and says more. */
export function checkRule(values: RuleValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.name.trim()) errors.name = 'Give the rule a name.';
  if (!AMOUNT.test(values.amount_over.trim())) errors.amount_over = 'Enter an amount, e.g. 1000.00.';
  if (values.amount_up_to.trim() !== '') {
    if (!AMOUNT.test(values.amount_up_to.trim())) errors.amount_up_to = 'Enter an amount, or leave blank for no upper limit.';
    else if (!errors.amount_over && Number(values.amount_up_to) <= Number(values.amount_over)) errors.amount_up_to = 'The upper amount must be greater than the lower amount.';
  }
  if (!/^\d{1,5}$/.test(values.priority.trim())) errors.priority = 'A whole number; lower is tried first.';
  if (values.steps.length === 0) errors.steps = 'A rule needs at least one step.';
  values.steps.forEach((step, index) => {
    if (step.kind === 'role' && !step.role) errors[`steps.${index}.role`] = 'Choose the role.';
    if (step.kind === 'user' && !step.user) errors[`steps.${index}.user`] = 'Choose the person.';
  });
  return errors;
}

function toBody(values: RuleValues): ApprovalRuleInput {
  return {
    name: values.name.trim(),
    currency: values.currency,
    amount_over: values.amount_over.trim(),
    amount_up_to: values.amount_up_to.trim() === '' ? null : values.amount_up_to.trim(),
    department: values.department ? Number(values.department) : null,
    category: values.category ? Number(values.category) : null,
    priority: Number(values.priority),
    is_active: values.is_active,
    steps: values.steps.map((step) => ({
      kind: step.kind,
      role: step.kind === 'role' ? (step.role as Role) : '',
      user: step.kind === 'user' ? Number(step.user) : null,
      only_over_budget: step.only_over_budget,
    })),
  };
}

/**
 * Create or change an approval rule: the request totals and scope it covers and its steps in
 * order (who approves, and whether a step is planned only when the request goes over budget).
 * Saving replaces every step; requests already submitted keep the route they were given.
 */
export function ApprovalRuleForm({ rule, onSaved, onCancel }: { rule: ApprovalRule | null; onSaved: (rule: ApprovalRule) => void; onCancel: () => void }) {
  const [values, setValues] = useState<RuleValues>(() => initialValues(rule));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formMessage, setFormMessage] = useState<string | undefined>();
  // A change names the version read (If-Match): someone else's change meanwhile is not overwritten.
  const edit = useEditVersion(`/api/v1/approval-rules/${rule?.id ?? 0}/`, approvalRuleQueryOptions(rule?.id ?? 0), (fresh) => {
    setValues(initialValues(fresh));
    setErrors({});
    setFormMessage(undefined);
  });
  const save = useSaveApprovalRule(edit.headers);
  const scopes = useRuleScopes(true);
  const set = <K extends keyof RuleValues>(key: K, value: RuleValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const setStep = (index: number, change: Partial<StepValues>) =>
    setValues((current) => ({ ...current, steps: current.steps.map((step, i) => (i === index ? { ...step, ...change } : step)) }));
  const moveStep = (index: number, by: -1 | 1) =>
    setValues((current) => {
      const steps = current.steps.slice();
      const [moved] = steps.splice(index, 1);
      if (moved) steps.splice(index + by, 0, moved);
      return { ...current, steps };
    });
  const removeStep = (index: number) => setValues((current) => ({ ...current, steps: current.steps.filter((_, i) => i !== index) }));

  const submit = async () => {
    const local = checkRule(values);
    setErrors(local);
    setFormMessage(undefined);
    if (Object.keys(local).length > 0) {
      setFormMessage('Some fields need attention.');
      return;
    }
    try {
      onSaved(await save.mutateAsync({ id: rule?.id ?? null, body: toBody(values) }));
    } catch (error) {
      if (edit.caught(error)) return;
      const placed = placeApiErrors(error, FIELDS);
      setErrors(Object.fromEntries(placed.fieldErrors));
      setFormMessage(placed.formMessage ?? (placed.fieldErrors.length ? 'Some fields need attention.' : undefined));
    }
  };

  const currencies = CURRENCIES.includes(values.currency as (typeof CURRENCIES)[number]) ? CURRENCIES : [values.currency, ...CURRENCIES];
  return (
    <form
      aria-label={rule ? `Edit ${rule.name}` : 'New approval rule'}
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormError message={formMessage} />
      <EditConflict edit={edit} what="rule" />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" required error={errors.name} className="sm:col-span-2">
          {(c) => <Input {...c} value={values.name} onChange={(event) => set('name', event.target.value)} maxLength={120} />}
        </Field>
        <Field label="Currency" error={errors.currency} hint="Applies to requests in this currency.">
          {(c) => (
            <Select {...c} value={values.currency} onChange={(event) => set('currency', event.target.value)}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Priority" error={errors.priority} hint="When two rules fit equally, the lower number wins.">
          {(c) => <Input {...c} inputMode="numeric" value={values.priority} onChange={(event) => set('priority', event.target.value)} />}
        </Field>
        <Field label="Request total over" required error={errors.amount_over}>
          {(c) => <Input {...c} inputMode="decimal" value={values.amount_over} onChange={(event) => set('amount_over', event.target.value)} />}
        </Field>
        <Field label="Up to (inclusive)" error={errors.amount_up_to} hint="Blank: no upper limit.">
          {(c) => <Input {...c} inputMode="decimal" value={values.amount_up_to} onChange={(event) => set('amount_up_to', event.target.value)} />}
        </Field>
        <Field label="Department" error={errors.department}>
          {(c) => (
            <Select {...c} value={values.department} onChange={(event) => set('department', event.target.value)}>
              <option value="">Every department</option>
              {(scopes.departments.data ?? []).map((department) => (
                <option key={department.id} value={String(department.id)}>
                  {department.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Product category" error={errors.category}>
          {(c) => (
            <Select {...c} value={values.category} onChange={(event) => set('category', event.target.value)}>
              <option value="">Every category</option>
              {(scopes.categories.data ?? []).map((category) => (
                <option key={category.id} value={String(category.id)}>
                  {category.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Checkbox className="sm:col-span-2" label="Active: new requests are routed by this rule" checked={values.is_active} onChange={(event) => set('is_active', event.target.checked)} />
      </div>

      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Approved by, in order</legend>
        <FormError message={errors.steps} />
        <ol className="space-y-3">
          {values.steps.map((step, index) => {
            const n = index + 1;
            return (
              <li key={step.key} className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid={`rule-step-${index}`}>
                <div className="grid gap-3 sm:grid-cols-[auto_1fr_1fr] sm:items-start">
                  <span className="pt-2 text-sm font-semibold tabular-nums" aria-hidden="true">
                    {n}.
                  </span>
                  <Field label={`Step ${n}: who approves`} error={errors[`steps.${index}.kind`]}>
                    {(c) => (
                      <Select {...c} value={step.kind} onChange={(event) => setStep(index, { kind: event.target.value as StepKind })}>
                        {(Object.keys(KIND_LABELS) as StepKind[]).map((kind) => (
                          <option key={kind} value={kind}>
                            {KIND_LABELS[kind]}
                          </option>
                        ))}
                      </Select>
                    )}
                  </Field>
                  {step.kind === 'role' ? (
                    <Field label={`Step ${n}: role`} required error={errors[`steps.${index}.role`]}>
                      {(c) => (
                        <Select {...c} value={step.role} onChange={(event) => setStep(index, { role: event.target.value })}>
                          <option value="">Choose a role…</option>
                          {APPROVING_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {ROLE_LABELS[role]}
                            </option>
                          ))}
                        </Select>
                      )}
                    </Field>
                  ) : step.kind === 'user' ? (
                    <Field label={`Step ${n}: person`} required error={errors[`steps.${index}.user`]}>
                      {(c) => (
                        <Select {...c} value={step.user} onChange={(event) => setStep(index, { user: event.target.value })}>
                          <option value="">{scopes.approvers.isPending ? 'Loading approvers…' : 'Choose a person…'}</option>
                          {(scopes.approvers.data ?? []).map((person) => (
                            <option key={person.id} value={String(person.id)}>
                              {person.full_name || person.email}
                            </option>
                          ))}
                        </Select>
                      )}
                    </Field>
                  ) : (
                    <span className="hidden sm:block" />
                  )}
                </div>
                <div className="mt-2 flex flex-wrap items-center gap-2 sm:pl-6">
                  <Checkbox label="Only when the request goes over budget" checked={step.only_over_budget} onChange={(event) => setStep(index, { only_over_budget: event.target.checked })} />
                  <span className="grow" />
                  <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => moveStep(index, -1)} aria-label={`Move step ${n} up`}>
                    ↑
                  </Button>
                  <Button size="sm" variant="ghost" disabled={index === values.steps.length - 1} onClick={() => moveStep(index, 1)} aria-label={`Move step ${n} down`}>
                    ↓
                  </Button>
                  <Button size="sm" variant="ghost" disabled={values.steps.length <= 1} onClick={() => removeStep(index)} aria-label={`Remove step ${n}`}>
                    Remove
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
        <Button size="sm" variant="secondary" onClick={() => setValues((current) => ({ ...current, steps: [...current.steps, newStep()] }))}>
          Add a step
        </Button>
      </fieldset>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={save.isPending}>
          {rule ? 'Save rule' : 'Create rule'}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The form for a new rule, or for a rule read afresh (the version an edit starts from is the
 * one it shows, not the list's copy). */
export function ApprovalRuleEditor({ rule, onSaved, onCancel }: { rule: ApprovalRule | null; onSaved: (rule: ApprovalRule) => void; onCancel: () => void }) {
  const current = useQuery({ ...approvalRuleQueryOptions(rule?.id ?? 0), enabled: rule !== null, staleTime: 0 });
  if (rule === null) return <ApprovalRuleForm rule={null} onSaved={onSaved} onCancel={onCancel} />;
  return (
    <QueryState query={current} what="the rule">
      {(fresh) => <ApprovalRuleForm rule={fresh} onSaved={onSaved} onCancel={onCancel} />}
    </QueryState>
  );
}
