import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';

import { LineGrid, lineErrorsOf } from '@/components/line-grid/line-grid';
import { ChoiceField, DateField, FormActions, LocationField, NotesField, OrderHeader, ReferenceField, partyChoices } from '@/components/records/order-header';
import { FormError } from '@/components/ui/form-error';
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
      <OrderHeader>
        {forCustomer ? null : (
          <ChoiceField
            label="Customer"
            error={errors.customer?.message}
            required
            registration={register('customer')}
            choices={partyChoices(customers.data)}
            placeholder={customers.isPending ? 'Loading customers…' : 'Choose a customer…'}
          />
        )}
        {forCustomer ? null : (
          <LocationField label="Ships from" error={errors.location?.message} registration={register('location')} locations={locations} />
        )}
        <DateField label="Requested delivery" error={errors.requested_date?.message} registration={register('requested_date')} />
        <ReferenceField forCustomer={forCustomer} error={errors.customer_reference?.message} registration={register('customer_reference')} />
      </OrderHeader>
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
      <NotesField error={errors.notes?.message} registration={register('notes')} />
      <FormActions submitLabel={forCustomer ? 'Place order' : 'Save draft order'} busy={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
