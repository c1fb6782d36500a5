import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm } from 'react-hook-form';

import { EditConflict, useEditVersion } from '@/components/records/edit-version';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { applyApiErrors } from '@/lib/form-errors';

import { supplierQueryOptions, type SupplierDetail } from '../api/get-supplier';
import {
  ADDRESS_KIND_LABELS,
  EMPTY_ADDRESS,
  SUPPLIER_FIELDS,
  supplierInputSchema,
  supplierToInput,
  useSaveSupplier,
  type AddressKind,
  type SupplierInput,
} from '../api/save-supplier';

export const PARTNER_CURRENCIES = ['USD', 'CAD', 'MXN', 'EUR', 'GBP'] as const;

/** The currencies a supplier or customer may trade in, as the options of a select. */
export function PartnerCurrencyOptions() {
  return PARTNER_CURRENCIES.map((code) => (
    <option key={code} value={code}>
      {code}
    </option>
  ));
}

const ADDRESS_FIELDS = ['label', 'line1', 'line2', 'city', 'region', 'postal_code', 'country'] as const;
const ADDRESS_LABELS: Record<(typeof ADDRESS_FIELDS)[number], string> = {
  label: 'Label',
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'City',
  region: 'State / region',
  postal_code: 'Postal code',
  country: 'Country',
};

interface SupplierFormProps {
  supplier?: SupplierDetail;
  onSaved: (supplier: SupplierDetail) => void;
  onCancel: () => void;
}

/** Supplier with its addresses; errors like "addresses.1.country" land on that address's field. */
export function SupplierForm({ supplier, onSaved, onCancel }: SupplierFormProps) {
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<SupplierInput>({ resolver: zodResolver(supplierInputSchema), defaultValues: supplierToInput(supplier) });
  // A change names the version read (If-Match): someone else's change meanwhile is not overwritten.
  const id = supplier?.id ?? 0;
  const edit = useEditVersion(`/api/v1/suppliers/${id}/`, supplierQueryOptions(id), (fresh) => reset(supplierToInput(fresh)));
  const save = useSaveSupplier(supplier?.id, edit.headers);
  const addresses = useFieldArray({ control, name: 'addresses' });

  const submit = handleSubmit(async (values) => {
    try {
      onSaved(await save.mutateAsync(values));
    } catch (error) {
      if (!edit.caught(error)) applyApiErrors(error, setError, SUPPLIER_FIELDS);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={supplier ? 'Edit supplier' : 'New supplier'} className="space-y-5">
      <FormError message={errors.root?.server?.message} />
      <EditConflict edit={edit} what="supplier" />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Code" error={errors.code?.message} required>
          {(c) => <Input {...c} autoComplete="off" {...register('code')} />}
        </Field>
        <Field label="Name" error={errors.name?.message} required>
          {(c) => <Input {...c} {...register('name')} />}
        </Field>
        <Field label="Legal name" error={errors.legal_name?.message}>
          {(c) => <Input {...c} {...register('legal_name')} />}
        </Field>
        <Field label="Tax id" error={errors.tax_id?.message} hint="EIN or VAT number.">
          {(c) => <Input {...c} {...register('tax_id')} />}
        </Field>
        <Field label="Payment terms (days)" error={errors.payment_terms_days?.message} required>
          {(c) => <Input {...c} inputMode="numeric" {...register('payment_terms_days')} />}
        </Field>
        <Field label="Currency" error={errors.currency?.message} required>
          {(c) => (
            <Select {...c} {...register('currency')}>
              <PartnerCurrencyOptions />
            </Select>
          )}
        </Field>
      </div>
      <Checkbox label="On hold (no new purchase orders)" {...register('on_hold')} />
      <Field label="Notes" error={errors.notes?.message}>
        {(c) => <Textarea {...c} {...register('notes')} />}
      </Field>

      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Addresses</legend>
        {typeof errors.addresses?.message === 'string' ? <FormError message={errors.addresses.message} /> : null}
        {addresses.fields.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No addresses.</p> : null}
        {addresses.fields.map((field, index) => {
          const rowErrors = errors.addresses?.[index];
          return (
            <fieldset key={field.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
              <legend className="px-1 text-sm font-medium">Address {index + 1}</legend>
              <div className="grid gap-3 sm:grid-cols-3">
                <Field label="Kind" error={rowErrors?.kind?.message}>
                  {(c) => (
                    <Select {...c} {...register(`addresses.${index}.kind`)}>
                      {(Object.keys(ADDRESS_KIND_LABELS) as AddressKind[]).map((kind) => (
                        <option key={kind} value={kind}>
                          {ADDRESS_KIND_LABELS[kind]}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                {ADDRESS_FIELDS.map((name) => (
                  <Field key={name} label={ADDRESS_LABELS[name]} error={rowErrors?.[name]?.message}>
                    {(c) => <Input {...c} {...register(`addresses.${index}.${name}`)} />}
                  </Field>
                ))}
              </div>
              <Button size="sm" variant="ghost" className="mt-2" onClick={() => addresses.remove(index)}>
                Remove address {index + 1}
              </Button>
            </fieldset>
          );
        })}
        <Button size="sm" variant="secondary" onClick={() => addresses.append({ ...EMPTY_ADDRESS })}>
          Add an address
        </Button>
      </fieldset>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={isSubmitting}>
          {supplier ? 'Save changes' : 'Create supplier'}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
