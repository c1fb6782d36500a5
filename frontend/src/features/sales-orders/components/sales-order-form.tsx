import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';

import { LineGrid, lineErrorsOf } from '@/components/line-grid/line-grid';
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
import { CUSTOMER_COLUMNS, STAFF_COLUMNS, applySalesProduct, currencyOf, listValue } from '../lib/order-lines';

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
    formState: { errors, isSubmitting },
  } = useForm<SalesOrderInput>({
    resolver: zodResolver(schema),
    defaultValues: { customer: '', location: '', requested_date: '', customer_reference: '', notes: '', lines: [{ ...EMPTY_LINE }] },
  });
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
        <Controller
          control={control}
          name="lines"
          render={({ field }) => (
            <LineGrid
              label="Order lines"
              lines={field.value}
              onChange={field.onChange}
              emptyLine={EMPTY_LINE}
              product={{ valueKey: 'product', labelKey: 'product_label', apply: applySalesProduct }}
              columns={forCustomer ? CUSTOMER_COLUMNS : STAFF_COLUMNS}
              paste={{ quantityKey: 'quantity' }}
              lineTotal={listValue}
              currency={currencyOf(field.value)}
              totalLabel="At list price"
              errors={lineErrorsOf(errors.lines)}
            />
          )}
        />
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
