import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';

import { LineGrid, lineErrorsOf } from '@/components/line-grid/line-grid';
import type { LineProduct } from '@/components/line-grid/product-lookup';
import { EditConflict, useEditVersion } from '@/components/records/edit-version';
import { DateField, FormActions, NotesField, OrderHeader, ReferenceField } from '@/components/records/order-header';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { applyApiErrors } from '@/lib/form-errors';

import { salesOrderQueryOptions, type SalesOrder } from '../api/get-sales-order';
import {
  EDIT_SALES_ORDER_FIELDS,
  EMPTY_EDIT_SALES_LINE,
  editSalesOrderSchema,
  salesOrderToEditInput,
  useUpdateSalesOrder,
  type EditSalesLine,
  type EditSalesOrderInput,
} from '../api/update-sales-order';
import { CUSTOMER_COLUMNS, STAFF_COLUMNS, applySalesProduct, listValue } from '../lib/order-lines';

/** Another product on an existing line makes it a new line, priced today. */
function applyProduct(line: EditSalesLine, product: LineProduct | null): EditSalesLine {
  const next = applySalesProduct(line, product);
  return next.product !== line.product ? { ...next, id: '', description: '' } : next;
}

/**
 * Change a draft sales order in the same grid it was entered with. Lines kept keep the price
 * and tax they were taken at; new lines take today's price from the customer's price list;
 * the server recomputes the totals. `forCustomer`: the portal customer's own draft, without
 * the staff's discount column. The save names the version the form opened with (If-Match):
 * when someone changed the order meanwhile, nothing is saved and the form offers a reload.
 */
export function EditSalesOrderForm({ order, forCustomer = false, onSaved, onCancel }: { order: SalesOrder; forCustomer?: boolean; onSaved: (order: SalesOrder) => void; onCancel: () => void }) {
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<EditSalesOrderInput>({ resolver: zodResolver(editSalesOrderSchema), defaultValues: salesOrderToEditInput(order) });
  const edit = useEditVersion(`/api/v1/sales-orders/${order.id}/`, salesOrderQueryOptions(order.id), (fresh) => reset(salesOrderToEditInput(fresh)));
  const update = useUpdateSalesOrder(order.id, edit.headers);
  const submit = handleSubmit(async (values) => {
    try {
      onSaved(await update.mutateAsync(values));
    } catch (error) {
      if (!edit.caught(error)) applyApiErrors(error, setError, EDIT_SALES_ORDER_FIELDS);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={`Edit ${order.number}`} className="space-y-5">
      <FormError message={errors.root?.server?.message} />
      <EditConflict edit={edit} what="order" />
      <OrderHeader>
        {forCustomer ? null : <Field label="Customer">{(c) => <Input {...c} value={`${order.customer_name} · ships from ${order.location_code}`} readOnly disabled />}</Field>}
        <DateField label="Requested delivery" error={errors.requested_date?.message} registration={register('requested_date')} />
        <ReferenceField forCustomer={forCustomer} error={errors.customer_reference?.message} registration={register('customer_reference')} />
      </OrderHeader>
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Products</legend>
        {typeof errors.lines?.message === 'string' ? <FormError message={errors.lines.message} /> : null}
        <Controller
          control={control}
          name="lines"
          render={({ field }) => (
            <LineGrid
              label="Order lines"
              lines={field.value}
              onChange={field.onChange}
              emptyLine={EMPTY_EDIT_SALES_LINE}
              product={{ valueKey: 'product', labelKey: 'product_label', apply: applyProduct }}
              columns={forCustomer ? CUSTOMER_COLUMNS : STAFF_COLUMNS}
              paste={{ quantityKey: 'quantity' }}
              lineTotal={listValue}
              currency={order.currency}
              totalLabel="Indicative total before tax"
              errors={lineErrorsOf(errors.lines)}
              footnote={
                forCustomer
                  ? 'Products already on the order keep their price; products you add are priced from your price list when you save.'
                  : "Kept lines keep their price; new lines are priced from the customer's price list when saved."
              }
            />
          )}
        />
      </fieldset>
      <NotesField error={errors.notes?.message} registration={register('notes')} />
      <FormActions submitLabel={'Save changes'} busy={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
