import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { applyApiErrors } from '@/lib/form-errors';

import { EMPTY_LINE, SALES_ORDER_FIELDS, salesOrderInputSchema, useCreateSalesOrder, type SalesOrderInput } from '../api/create-sales-order';
import type { SalesOrder } from '../api/get-sales-order';
import { useCustomerOptions, useLocationOptions } from '../api/get-order-form-options';

import { OrderLineProduct } from './order-line-product';

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** A draft sales order: customer (staff only), shipping location and product lines. */
export function SalesOrderForm({ forCustomer = false, onCreated, onCancel }: { forCustomer?: boolean; onCreated: (order: SalesOrder) => void; onCancel: () => void }) {
  const create = useCreateSalesOrder();
  const customers = useCustomerOptions(!forCustomer);
  const locations = useLocationOptions(!forCustomer);
  // One key per attempt to place this order: a retry after a lost answer creates nothing new.
  const [idempotencyKey] = useState(newKey);
  const schema = forCustomer
    ? salesOrderInputSchema
    : salesOrderInputSchema
        .refine((v) => v.customer !== '', { message: 'Choose the customer.', path: ['customer'] })
        .refine((v) => v.location !== '', { message: 'Choose the location that ships.', path: ['location'] });
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<SalesOrderInput>({
    resolver: zodResolver(schema),
    defaultValues: { customer: '', location: '', requested_date: '', customer_reference: '', notes: '', lines: [{ ...EMPTY_LINE }] },
  });
  const lines = useFieldArray({ control, name: 'lines' });
  const watched = useWatch({ control, name: 'lines' });
  const submit = handleSubmit(async (values) => {
    try {
      onCreated(await create.mutateAsync({ input: values, key: idempotencyKey }));
    } catch (error) {
      applyApiErrors(error, setError, SALES_ORDER_FIELDS);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="New sales order" className="space-y-5">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        {forCustomer ? null : (
          <Field label="Customer" error={errors.customer?.message} required>
            {(c) => (
              <Select {...c} {...register('customer')}>
                <option value="">{customers.isPending ? 'Loading customers…' : 'Choose a customer…'}</option>
                {(customers.data ?? []).map((customer) => (
                  <option key={customer.id} value={String(customer.id)}>
                    {customer.name} ({customer.code})
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        {forCustomer ? null : (
          <Field label="Ships from" error={errors.location?.message} required>
            {(c) => (
              <Select {...c} {...register('location')}>
                <option value="">{locations.isPending ? 'Loading locations…' : 'Choose a location…'}</option>
                {(locations.data ?? []).map((l) => (
                  <option key={l.id} value={String(l.id)}>
                    {l.code} — {l.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        <Field label="Requested delivery" error={errors.requested_date?.message}>
          {(c) => <Input {...c} type="date" {...register('requested_date')} />}
        </Field>
        <Field
          label={forCustomer ? 'Your reference' : 'Customer reference'}
          error={errors.customer_reference?.message}
          hint={forCustomer ? 'Your purchase order number, if you use one.' : 'Their PO number, if any.'}
        >
          {(c) => <Input {...c} {...register('customer_reference')} />}
        </Field>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Lines</legend>
        {typeof errors.lines?.message === 'string' ? <FormError message={errors.lines.message} /> : null}
        {lines.fields.map((field, index) => {
          const rowErrors = errors.lines?.[index];
          const row = watched?.[index] ?? field;
          return (
            <fieldset key={field.id} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-4 dark:border-slate-800">
              <legend className="px-1 text-sm font-medium">Line {index + 1}</legend>
              <OrderLineProduct
                index={index}
                value={row.product}
                label={row.product_label}
                error={rowErrors?.product?.message}
                onChoose={(product) => {
                  setValue(`lines.${index}.product`, product?.id ?? '', { shouldValidate: Boolean(rowErrors?.product) });
                  setValue(`lines.${index}.product_label`, product ? `${product.sku} — ${product.name}` : '');
                  setValue(`lines.${index}.unit`, product?.unit ?? '');
                }}
              />
              <Field label={`Quantity${row.unit ? ` (${row.unit})` : ''}, line ${index + 1}`} error={rowErrors?.quantity?.message} required>
                {(c) => <Input {...c} inputMode="decimal" {...register(`lines.${index}.quantity`)} />}
              </Field>
              {forCustomer ? null : (
                <Field label={`Discount %, line ${index + 1}`} error={rowErrors?.discount_percent?.message}>
                  {(c) => <Input {...c} inputMode="decimal" {...register(`lines.${index}.discount_percent`)} />}
                </Field>
              )}
              {lines.fields.length > 1 ? (
                <Button size="sm" variant="ghost" className="sm:col-span-4 sm:justify-self-start" onClick={() => lines.remove(index)}>
                  Remove line {index + 1}
                </Button>
              ) : null}
            </fieldset>
          );
        })}
        <Button size="sm" variant="secondary" onClick={() => lines.append({ ...EMPTY_LINE })}>
          Add a line
        </Button>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {forCustomer
            ? 'Your prices and taxes are applied when we receive the order; our team confirms it and tells you when it ships.'
            : 'Prices and taxes are taken from the price list when the order is saved.'}
        </p>
      </fieldset>
      <Field label="Notes" error={errors.notes?.message}>
        {(c) => <Textarea {...c} rows={2} {...register('notes')} />}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={isSubmitting}>
          {forCustomer ? 'Place order' : 'Save draft order'}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
