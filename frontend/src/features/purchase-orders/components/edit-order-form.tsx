import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';

import { LineGrid, lineErrorsOf } from '@/components/line-grid/line-grid';
import type { LineProduct } from '@/components/line-grid/product-lookup';
import { EditConflict, useEditVersion } from '@/components/records/edit-version';
import { DateField, FormActions, LocationField, NotesField, OrderHeader, TextField } from '@/components/records/order-header';
import { Alert } from '@/components/ui/alert';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { applyApiErrors } from '@/lib/form-errors';
import { formatQuantity } from '@/lib/format';

import { purchaseOrderQueryOptions, type PurchaseOrderDetail } from '../api/get-purchase-order';
import { useLocations } from '../api/get-locations';
import { EDIT_ORDER_FIELDS, EMPTY_EDIT_LINE, editOrderSchema, orderToEditInput, useUpdatePurchaseOrder, type EditOrderInput, type EditOrderLine } from '../api/update-purchase-order';
import { ORDER_LINE_COLUMNS, applyOrderProduct, orderLineTotal } from '../lib/order-lines';

/** Another product on an existing line makes it a new line (the old one is removed). */
function applyProduct(line: EditOrderLine, product: LineProduct | null): EditOrderLine {
  const next = applyOrderProduct(line, product);
  return next.product !== line.product ? { ...next, id: '' } : next;
}

/**
 * Change the lines of a purchase order with the same grid as a new one. A draft changes in
 * place; an issued or partly received order becomes a new revision that is e-mailed to the
 * supplier again, and a line cannot go below what was received or be removed once goods or
 * invoices refer to it (the server says which line).
 */
export function EditOrderForm({ order, onSaved, onCancel }: { order: PurchaseOrderDetail; onSaved: (order: PurchaseOrderDetail) => void; onCancel: () => void }) {
  const locations = useLocations();
  const revising = order.status !== 'draft';
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<EditOrderInput>({ resolver: zodResolver(editOrderSchema), defaultValues: orderToEditInput(order) });
  // The save names the version read (If-Match): a change made meanwhile is not overwritten.
  const edit = useEditVersion(`/api/v1/purchase-orders/${order.id}/`, purchaseOrderQueryOptions(order.id), (fresh) => reset(orderToEditInput(fresh)));
  const update = useUpdatePurchaseOrder(order.id, edit.headers);
  const submit = handleSubmit(async (values) => {
    try {
      onSaved(await update.mutateAsync(values));
    } catch (error) {
      if (!edit.caught(error)) applyApiErrors(error, setError, EDIT_ORDER_FIELDS);
    }
  });
  const received = order.lines.filter((line) => Number(line.quantity_received) > 0 || Number(line.quantity_invoiced) > 0);

  return (
    <form onSubmit={submit} noValidate aria-label={revising ? `Revise ${order.number}` : `Edit ${order.number}`} className="space-y-5">
      <FormError message={errors.root?.server?.message} />
      <EditConflict edit={edit} what="order" />
      {revising ? (
        <Alert tone="info">
          <strong>Saving makes revision {order.revision + 1}.</strong> {order.supplier_name} receives the revised order by e-mail; revision {order.revision} stays
          readable.
        </Alert>
      ) : null}
      <OrderHeader>
        <Field label="Supplier">{(c) => <Input {...c} value={`${order.supplier_name} · ${order.currency}`} readOnly disabled />}</Field>
        <LocationField label="Ship to" error={errors.ship_to?.message} registration={register('ship_to')} locations={locations} />
        <DateField label="Expected delivery" error={errors.expected_date?.message} registration={register('expected_date')} />
        {revising ? (
          <TextField label="Reason for the change" error={errors.reason?.message} hint="Kept with the revision, e.g. “supplier short on ribeye”." registration={register('reason')} />
        ) : null}
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
              emptyLine={EMPTY_EDIT_LINE}
              product={{ valueKey: 'product', labelKey: 'product_label', apply: applyProduct }}
              columns={ORDER_LINE_COLUMNS}
              paste={{ quantityKey: 'quantity', priceKey: 'unit_price', supplier: order.supplier }}
              lineTotal={orderLineTotal}
              currency={order.currency}
              totalLabel="Order total before tax"
              errors={lineErrorsOf(errors.lines)}
              footnote={
                received.length > 0 ? (
                  <>
                    Already received or invoiced:{' '}
                    {received
                      .map((line) => `line ${line.line_no} (${line.description}) ${formatQuantity(line.quantity_received, line.unit)} received, ${formatQuantity(line.quantity_invoiced)} invoiced`)
                      .join('; ')}
                    . Those lines stay, at no less than what arrived.
                  </>
                ) : undefined
              }
            />
          )}
        />
      </fieldset>
      <NotesField error={errors.notes?.message} hint="Printed on the order the supplier receives." registration={register('notes')} />
      <FormActions submitLabel={revising ? 'Save and send the revision' : 'Save changes'} busy={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
