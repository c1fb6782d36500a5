import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';

import { EditConflict, useEditVersion } from '@/components/records/edit-version';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { QueryState } from '@/components/ui/query-state';
import { Select } from '@/components/ui/select';
import { applyApiErrors } from '@/lib/form-errors';

import { CUSTOMER_KIND_LABELS, customerQueryOptions, type Customer, type CustomerDetail, type CustomerKind } from '../api/get-customers';
import { CUSTOMER_FIELDS, customerInputSchema, customerToInput, useSaveCustomer, type CustomerInput } from '../api/save-customer';

import { PartnerCurrencyOptions } from './supplier-form';

/** A customer's terms: create one, or change one read afresh. A change names the version it
 * read (If-Match), so someone else's change meanwhile is not overwritten. */
export function CustomerForm({ customer, onDone, onCancel }: { customer?: CustomerDetail; onDone: (c: CustomerDetail) => void; onCancel: () => void }) {
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CustomerInput>({ resolver: zodResolver(customerInputSchema), defaultValues: customerToInput(customer) });
  const id = customer?.id ?? 0;
  const edit = useEditVersion(`/api/v1/customers/${id}/`, customerQueryOptions(id), (fresh) => reset(customerToInput(fresh)));
  const save = useSaveCustomer(customer?.id, edit.headers);
  const submit = handleSubmit(async (values) => {
    try {
      onDone(await save.mutateAsync(values));
    } catch (error) {
      if (!edit.caught(error)) applyApiErrors(error, setError, CUSTOMER_FIELDS);
    }
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={customer ? 'Edit customer' : 'New customer'}>
      <FormError message={errors.root?.server?.message} />
      <EditConflict edit={edit} what="customer" />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Code" error={errors.code?.message} required>
          {(c) => <Input {...c} {...register('code')} />}
        </Field>
        <Field label="Name" error={errors.name?.message} required>
          {(c) => <Input {...c} {...register('name')} />}
        </Field>
        <Field label="Kind" error={errors.kind?.message}>
          {(c) => (
            <Select {...c} {...register('kind')}>
              {(Object.keys(CUSTOMER_KIND_LABELS) as CustomerKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {CUSTOMER_KIND_LABELS[kind]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Tax region" error={errors.tax_region?.message} required hint="e.g. US-TX">
          {(c) => <Input {...c} {...register('tax_region')} />}
        </Field>
        <Field label="Legal name" error={errors.legal_name?.message}>
          {(c) => <Input {...c} {...register('legal_name')} />}
        </Field>
        <Field label="Tax id" error={errors.tax_id?.message}>
          {(c) => <Input {...c} {...register('tax_id')} />}
        </Field>
        <Field label="Payment terms (days)" error={errors.payment_terms_days?.message} required>
          {(c) => <Input {...c} inputMode="numeric" {...register('payment_terms_days')} />}
        </Field>
        <Field label="Credit limit" error={errors.credit_limit?.message} required>
          {(c) => <Input {...c} inputMode="decimal" {...register('credit_limit')} />}
        </Field>
        <Field label="Currency" error={errors.currency?.message} required>
          {(c) => (
            <Select {...c} {...register('currency')}>
              <PartnerCurrencyOptions />
            </Select>
          )}
        </Field>
      </div>
      <Checkbox label="On hold (no new sales orders)" {...register('on_hold')} />
      <Field label="Notes" error={errors.notes?.message}>
        {(c) => <Input {...c} {...register('notes')} />}
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" busy={isSubmitting}>
          {customer ? 'Save changes' : 'Create customer'}
        </Button>
      </div>
    </form>
  );
}

/** The form for a new customer, or for one read afresh (an edit starts from the version it
 * shows, not the list's copy). */
export function CustomerEditor({ customer, onDone, onCancel }: { customer?: Customer; onDone: (c: CustomerDetail) => void; onCancel: () => void }) {
  const current = useQuery({ ...customerQueryOptions(customer?.id ?? 0), enabled: customer !== undefined, staleTime: 0 });
  if (customer === undefined) return <CustomerForm onDone={onDone} onCancel={onCancel} />;
  return (
    <QueryState query={current} what="the customer">
      {(fresh) => <CustomerForm customer={fresh} onDone={onDone} onCancel={onCancel} />}
    </QueryState>
  );
}
