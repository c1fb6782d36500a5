import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Pagination } from '@/components/ui/pagination';
import { Select } from '@/components/ui/select';
import { Table, type Column } from '@/components/ui/table';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { placeApiErrors } from '@/lib/form-errors';
import { formatDate } from '@/lib/format';

import { useCreateDelegation, useDelegateCandidates, useDelegations, useRevokeDelegation, type Delegation } from '../api/delegations';

const FIELDS = ['delegate', 'starts_on', 'ends_on', 'reason'] as const;

function DelegationForm({ onSaved }: { onSaved: (d: Delegation) => void }) {
  const candidates = useDelegateCandidates(true);
  const create = useCreateDelegation();
  const [values, setValues] = useState({ delegate: '', starts_on: '', ends_on: '', reason: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formMessage, setFormMessage] = useState<string | undefined>();
  const set = (key: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [key]: value }));
  const submit = async () => {
    const local: Record<string, string> = {};
    if (!values.delegate) local.delegate = 'Choose who decides for you.';
    if (!values.starts_on) local.starts_on = 'Enter the first day.';
    if (!values.ends_on) local.ends_on = 'Enter the last day.';
    if (values.starts_on && values.ends_on && values.ends_on < values.starts_on) local.ends_on = 'The last day is on or after the first.';
    setErrors(local);
    setFormMessage(undefined);
    if (Object.keys(local).length > 0) return;
    try {
      const saved = await create.mutateAsync({ delegate: Number(values.delegate), starts_on: values.starts_on, ends_on: values.ends_on, reason: values.reason.trim() });
      setValues({ delegate: '', starts_on: '', ends_on: '', reason: '' });
      onSaved(saved);
    } catch (error) {
      const placed = placeApiErrors(error, FIELDS);
      setErrors(Object.fromEntries(placed.fieldErrors));
      setFormMessage(placed.formMessage ?? undefined);
    }
  };
  return (
    <form
      aria-label="New delegation"
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="sm:col-span-2">
        <FormError message={formMessage} />
      </div>
      <Field label="Who decides for you" required error={errors.delegate} className="sm:col-span-2">
        {(control) => (
          <Select {...control} value={values.delegate} onChange={(event) => set('delegate')(event.target.value)}>
            <option value="">{candidates.isPending ? 'Loading colleagues…' : 'Choose a colleague…'}</option>
            {candidates.data?.map((person) => (
              <option key={person.id} value={person.id}>
                {person.full_name || person.email}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="From" required error={errors.starts_on}>
        {(control) => <Input {...control} type="date" value={values.starts_on} onChange={(event) => set('starts_on')(event.target.value)} />}
      </Field>
      <Field label="Until (inclusive)" required error={errors.ends_on}>
        {(control) => <Input {...control} type="date" value={values.ends_on} onChange={(event) => set('ends_on')(event.target.value)} />}
      </Field>
      <Field label="Reason" hint="E.g. on holiday; your delegate sees it." error={errors.reason} className="sm:col-span-2">
        {(control) => <Textarea {...control} value={values.reason} onChange={(event) => set('reason')(event.target.value)} />}
      </Field>
      <div className="sm:col-span-2">
        <Button type="submit" busy={create.isPending}>
          Delegate my approvals
        </Button>
      </div>
    </form>
  );
}

/** Who decides your approval steps while you are away, and whose you decide. */
export function DelegationsPage({ canCreate, myId }: { canCreate: boolean; myId: number }) {
  const [page, setPage] = useState(1);
  const list = useDelegations(page);
  const revoke = useRevokeDelegation();
  const [revoking, setRevoking] = useState<Delegation | null>(null);
  const columns: Column<Delegation>[] = [
    { key: 'from', header: 'Approvals of', cell: (d) => (d.delegator.id === myId ? 'You' : d.delegator.full_name) },
    { key: 'to', header: 'Decided by', cell: (d) => (d.delegate.id === myId ? 'You' : d.delegate.full_name) },
    { key: 'dates', header: 'Dates', cell: (d) => `${formatDate(d.starts_on)} – ${formatDate(d.ends_on)}` },
    { key: 'reason', header: 'Reason', cell: (d) => d.reason || '—' },
    {
      key: 'status',
      header: 'Status',
      cell: (d) => (d.revoked_at ? <Badge>Revoked</Badge> : d.is_active ? <Badge tone="success">In force</Badge> : <Badge tone="info">Planned or past</Badge>),
    },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      cell: (d) =>
        canCreate && !d.revoked_at && d.delegator.id === myId ? (
          <Button size="sm" variant="ghost" onClick={() => setRevoking(d)}>
            Revoke<span className="sr-only"> the delegation to {d.delegate.full_name}</span>
          </Button>
        ) : null,
    },
  ];
  return (
    <div className="space-y-6">
      {canCreate ? (
        <Card title="Hand over your approvals">
          <DelegationForm onSaved={(d) => toast.success(`${d.delegate.full_name} decides your approvals from ${formatDate(d.starts_on)} to ${formatDate(d.ends_on)}.`)} />
        </Card>
      ) : null}
      <Card title="Delegations">
        <Table
          caption="Delegations"
          columns={columns}
          rows={list.data?.results}
          rowKey={(d) => d.id}
          isLoading={list.isPending}
          error={list.isError ? `Could not load delegations. ${errorMessage(list.error)}` : null}
          onRetry={() => void list.refetch()}
          emptyMessage="No delegations given or received."
        />
        <Pagination page={page} pageSize={20} count={list.data?.count} onPageChange={setPage} label="Delegation pages" />
      </Card>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke the delegation?"
        description={revoking ? `${revoking.delegate.full_name} no longer decides your approvals; steps waiting with them come back to you.` : ''}
        confirmLabel="Revoke"
        tone="danger"
        busy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (!revoking) return;
          revoke
            .mutateAsync(revoking.id)
            .then(() => toast.success('Delegation revoked.'))
            .catch((error: unknown) => toast.error(`Could not revoke: ${errorMessage(error)}`))
            .finally(() => setRevoking(null));
        }}
      />
    </div>
  );
}
