import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { HistoryButton } from '@/components/history-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { FilterBar } from '@/components/ui/filter-bar';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';
import { formatDate } from '@/lib/format';

import { useCarriers, type Carrier } from '../api/get-carriers';
import { CARRIER_FIELDS, carrierInputSchema, carrierToInput, useSaveCarrier, type CarrierInput } from '../api/save-carrier';
import { insuranceState } from '../lib/status';

import { SetActiveButton } from './set-active-button';

const NO_DEFAULTS = {};
export const EXPIRING_WITHIN_DAYS = 30;

export function InsuranceBadge({ carrier }: { carrier: Carrier }) {
  const state = insuranceState(carrier);
  if (state === 'expired') return <Badge tone="danger">{carrier.insurance_expires_on ? 'Insurance expired' : 'No insurance on file'}</Badge>;
  if (state === 'expiring')
    return (
      <Badge tone="warning">
        Expires in {carrier.insurance_days_left} {carrier.insurance_days_left === 1 ? 'day' : 'days'}
      </Badge>
    );
  return <Badge tone="success">Insured</Badge>;
}

function CarrierForm({ carrier, onDone, onCancel }: { carrier?: Carrier; onDone: (c: Carrier) => void; onCancel: () => void }) {
  const save = useSaveCarrier(carrier?.id);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CarrierInput>({ resolver: zodResolver(carrierInputSchema), defaultValues: carrierToInput(carrier) });
  const submit = handleSubmit(async (values) => {
    try {
      onDone(await save.mutateAsync(values));
    } catch (error) {
      applyApiErrors(error, setError, CARRIER_FIELDS);
    }
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={carrier ? 'Edit carrier' : 'New carrier'}>
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" error={errors.name?.message} required>
          {(c) => <Input {...c} {...register('name')} />}
        </Field>
        <Field label="SCAC" error={errors.scac?.message} required hint="2 to 4 letters.">
          {(c) => <Input {...c} {...register('scac')} />}
        </Field>
        <Field label="MC number" error={errors.mc_number?.message}>
          {(c) => <Input {...c} {...register('mc_number')} />}
        </Field>
        <Field label="DOT number" error={errors.dot_number?.message}>
          {(c) => <Input {...c} {...register('dot_number')} />}
        </Field>
        <Field label="Insurance expires on" error={errors.insurance_expires_on?.message}>
          {(c) => <Input {...c} type="date" {...register('insurance_expires_on')} />}
        </Field>
      </div>
      <Field label="Notes" error={errors.notes?.message}>
        {(c) => <Input {...c} {...register('notes')} />}
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" busy={isSubmitting}>
          {carrier ? 'Save changes' : 'Create carrier'}
        </Button>
      </div>
    </form>
  );
}

export function CarriersList({ canEdit }: { canEdit: boolean }) {
  const list = useListParams(NO_DEFAULTS);
  const [editing, setEditing] = useState<Carrier | 'new' | null>(null);
  const expiring = list.get('expiring') === 'true';
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering ?? 'name',
    search: list.search || undefined,
    insurance_expiring_within: expiring ? EXPIRING_WITHIN_DAYS : undefined,
  };
  const carriers = useCarriers(query);
  const columns: Column<Carrier>[] = [
    { key: 'name', header: 'Name', sortKey: 'name', cell: (c) => <span className="font-medium">{c.name}</span> },
    { key: 'scac', header: 'SCAC', sortKey: 'scac', cell: (c) => c.scac },
    { key: 'numbers', header: 'MC / DOT', cell: (c) => [c.mc_number, c.dot_number].filter(Boolean).join(' / ') || '—' },
    {
      key: 'insurance',
      header: 'Insurance',
      sortKey: 'insurance_expires_on',
      cell: (c) => (
        <span className="flex flex-wrap items-center gap-2">
          <InsuranceBadge carrier={c} />
          {c.insurance_expires_on ? <span className="text-xs text-slate-600 dark:text-slate-400">{formatDate(c.insurance_expires_on)}</span> : null}
        </span>
      ),
    },
    { key: 'status', header: 'Status', cell: (c) => (c.is_active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
  ];
  columns.push({
    key: 'actions',
    header: <span className="sr-only">Actions</span>,
    cell: (c) => (
      <div className="flex gap-1">
        <HistoryButton source={{ resource: 'carriers', id: c.id, version: c.updated_at }} name={c.name} />
        {canEdit ? (
          <>
            <Button size="sm" variant="ghost" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
              Edit
            </Button>
            <SetActiveButton resource="carriers" id={c.id} name={c.name} isActive={c.is_active} consequence="It can no longer be chosen for shipments." />
          </>
        ) : null}
      </div>
    ),
  });
  return (
    <div>
      <FilterBar label="Carrier filters">
        <SearchInput label="Search" placeholder="Name, SCAC, MC or DOT" value={list.search} onSearch={(search) => list.set({ search })} />
        <Checkbox
          className="h-10"
          label={`Insurance expiring within ${EXPIRING_WITHIN_DAYS} days`}
          checked={expiring}
          onChange={(event) => list.set({ expiring: event.target.checked ? 'true' : undefined })}
        />
      </FilterBar>
      {canEdit ? (
        <div className="mb-3 flex justify-end">
          <Button size="sm" onClick={() => setEditing('new')}>
            New carrier
          </Button>
        </div>
      ) : null}
      <Table
        caption="Carriers"
        columns={columns}
        rows={carriers.data?.results}
        rowKey={(c) => c.id}
        isLoading={carriers.isPending}
        error={carriers.isError ? `Could not load carriers. ${errorMessage(carriers.error)}` : null}
        onRetry={() => void carriers.refetch()}
        emptyMessage={expiring ? 'No carrier insurance expires within 30 days.' : 'No carriers match these filters.'}
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={carriers.data?.count} onPageChange={list.setPage} label="Carrier pages" />
      <Modal open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'New carrier' : `Edit ${editing?.name ?? ''}`}>
        {editing ? (
          <CarrierForm
            carrier={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onDone={(saved) => {
              toast.success(`${saved.name} saved.`);
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
    </div>
  );
}
