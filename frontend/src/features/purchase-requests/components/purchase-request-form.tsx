import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { applyApiErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/format';

import type { PurchaseRequest } from '../api/get-purchase-request';
import { useSupplierOptions } from '../api/get-supplier-options';
import {
  EMPTY_ITEM,
  REQUEST_FIELDS,
  UNIT_LABELS,
  purchaseRequestInputSchema,
  requestToInput,
  useSavePurchaseRequest,
  type PurchaseRequestInput,
  type Unit,
} from '../api/save-purchase-request';
import { lineTotal, linesTotal } from '../lib/line-totals';

import { ItemProductPicker } from './item-product-picker';

const CURRENCIES = ['USD', 'CAD', 'MXN', 'EUR', 'GBP'] as const;

interface PurchaseRequestFormProps {
  request?: PurchaseRequest;
  onSaved: (request: PurchaseRequest, submitAfter: boolean) => void;
  onCancel: () => void;
}

/** A request with its item rows; totals update as you type (the server's figures are final). */
export function PurchaseRequestForm({ request, onSaved, onCancel }: PurchaseRequestFormProps) {
  const save = useSavePurchaseRequest(request?.id);
  const suppliers = useSupplierOptions();
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<PurchaseRequestInput>({ resolver: zodResolver(purchaseRequestInputSchema), defaultValues: requestToInput(request) });
  const items = useFieldArray({ control, name: 'items' });
  const watched = useWatch({ control, name: 'items' });
  const currency = useWatch({ control, name: 'currency' });

  const submitWith = (submitAfter: boolean) =>
    handleSubmit(async (values) => {
      try {
        onSaved(await save.mutateAsync(values), submitAfter);
      } catch (error) {
        applyApiErrors(error, setError, REQUEST_FIELDS);
      }
    });

  return (
    <form onSubmit={submitWith(false)} noValidate aria-label={request ? 'Edit purchase request' : 'New purchase request'} className="space-y-5">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Title" error={errors.title?.message} required className="sm:col-span-2">
          {(c) => <Input {...c} {...register('title')} />}
        </Field>
        <Field label="Needed by" error={errors.needed_by?.message}>
          {(c) => <Input {...c} type="date" {...register('needed_by')} />}
        </Field>
        <Field label="Currency" error={errors.currency?.message}>
          {(c) => (
            <Select {...c} {...register('currency')}>
              {CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Suggested supplier" error={errors.suggested_supplier?.message} hint="The buyer orders from this supplier unless told otherwise." className="sm:col-span-2">
          {(c) => (
            <Select {...c} {...register('suggested_supplier')}>
              <option value="">{suppliers.isPending ? 'Loading suppliers…' : 'No suggestion'}</option>
              {(suppliers.data ?? []).map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name} ({s.code})
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Description" error={errors.description?.message} className="sm:col-span-2" hint="What it is for; approvers read this.">
          {(c) => <Textarea {...c} {...register('description')} />}
        </Field>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Items</legend>
        {typeof errors.items?.message === 'string' ? <FormError message={errors.items.message} /> : null}
        {typeof errors.items?.root?.message === 'string' ? <FormError message={errors.items.root.message} /> : null}
        {items.fields.map((field, index) => {
          const rowErrors = errors.items?.[index];
          const row = watched?.[index] ?? field;
          const total = lineTotal(row.quantity ?? '', row.estimated_unit_price ?? '');
          return (
            <fieldset key={field.id} className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
              <legend className="px-1 text-sm font-medium">Item {index + 1}</legend>
              <ItemProductPicker
                index={index}
                value={row.product ?? ''}
                label={row.product_label ?? ''}
                onChoose={(product) => {
                  setValue(`items.${index}.product`, product?.id ?? '', { shouldDirty: true });
                  setValue(`items.${index}.product_label`, product ? `${product.sku} — ${product.name}` : '');
                  if (product) {
                    setValue(`items.${index}.unit`, product.unit as Unit);
                    if (!row.estimated_unit_price && product.list_price) setValue(`items.${index}.estimated_unit_price`, product.list_price);
                  }
                }}
              />
              <div className="grid gap-3 sm:grid-cols-4">
                <Field
                  label="Description"
                  error={rowErrors?.description?.message ?? rowErrors?.product?.message}
                  className="sm:col-span-4"
                  hint={row.product ? 'Optional: the product name is used.' : 'Free text when the item is not in the catalog.'}
                >
                  {(c) => <Input {...c} {...register(`items.${index}.description`)} />}
                </Field>
                <Field label="Quantity" error={rowErrors?.quantity?.message} required>
                  {(c) => <Input {...c} inputMode="decimal" {...register(`items.${index}.quantity`)} />}
                </Field>
                <Field label="Unit" error={rowErrors?.unit?.message}>
                  {(c) => (
                    <Select {...c} {...register(`items.${index}.unit`)}>
                      {(Object.keys(UNIT_LABELS) as Unit[]).map((unit) => (
                        <option key={unit} value={unit}>
                          {UNIT_LABELS[unit]}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field label="Estimated unit price" error={rowErrors?.estimated_unit_price?.message}>
                  {(c) => <Input {...c} inputMode="decimal" {...register(`items.${index}.estimated_unit_price`)} />}
                </Field>
                <div className="space-y-1.5">
                  <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Line total</p>
                  <p className="h-10 py-2 text-sm tabular-nums" data-testid={`line-total-${index}`}>
                    {total === null ? '—' : formatMoney(total, currency)}
                  </p>
                </div>
              </div>
              {items.fields.length > 1 ? (
                <Button size="sm" variant="ghost" onClick={() => items.remove(index)}>
                  Remove item {index + 1}
                </Button>
              ) : null}
            </fieldset>
          );
        })}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <Button size="sm" variant="secondary" onClick={() => items.append({ ...EMPTY_ITEM })}>
            Add an item
          </Button>
          <p className="text-sm">
            Estimated total{' '}
            <strong className="text-base tabular-nums" data-testid="request-total" aria-live="polite">
              {formatMoney(linesTotal(watched ?? []), currency)}
            </strong>
          </p>
        </div>
      </fieldset>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={isSubmitting} variant="secondary">
          {request ? 'Save changes' : 'Save draft'}
        </Button>
        <Button onClick={() => void submitWith(true)()} busy={isSubmitting}>
          Save and submit for approval
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
