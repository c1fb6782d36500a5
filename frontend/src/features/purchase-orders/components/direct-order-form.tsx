import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm, useWatch } from 'react-hook-form';

import { LineGrid, lineErrorsOf } from '@/components/line-grid/line-grid';
import { ChoiceField, DateField, FormActions, LocationField, NotesField, OrderHeader, partyChoices } from '@/components/records/order-header';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Select } from '@/components/ui/select';
import { applyApiErrors } from '@/lib/form-errors';

import {
  DIRECT_ORDER_FIELDS,
  EMPTY_ORDER_LINE,
  directOrderSchema,
  useCreatePurchaseOrder,
  useOrderSuppliers,
  type DirectOrderInput,
} from '../api/create-purchase-order';
import type { PurchaseOrderDetail } from '../api/get-purchase-order';
import { useLocations } from '../api/get-locations';
import { ORDER_LINE_COLUMNS, applyOrderProduct, orderLineTotal } from '../lib/order-lines';

const CURRENCIES = ['USD', 'CAD', 'MXN', 'EUR', 'GBP'] as const;

/** A purchase order typed in directly: supplier, delivery and the lines at the agreed prices. */
export function DirectOrderForm({ onCreated, onCancel }: { onCreated: (order: PurchaseOrderDetail) => void; onCancel: () => void }) {
  const create = useCreatePurchaseOrder();
  const suppliers = useOrderSuppliers();
  const locations = useLocations();
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<DirectOrderInput>({
    resolver: zodResolver(directOrderSchema),
    defaultValues: { supplier: '', ship_to: '', currency: 'USD', expected_date: '', notes: '', lines: [{ ...EMPTY_ORDER_LINE }] },
  });
  const currency = useWatch({ control, name: 'currency' });
  const supplier = useWatch({ control, name: 'supplier' });
  const submit = handleSubmit(async (values) => {
    try {
      onCreated(await create.mutateAsync(values));
    } catch (error) {
      applyApiErrors(error, setError, DIRECT_ORDER_FIELDS);
    }
  });
  const supplierField = register('supplier');

  return (
    <form onSubmit={submit} noValidate aria-label="New purchase order" className="space-y-5">
      <FormError message={errors.root?.server?.message} />
      <OrderHeader>
        <ChoiceField
          label="Supplier"
          error={errors.supplier?.message}
          required
          registration={supplierField}
          choices={partyChoices(suppliers.data)}
          placeholder={suppliers.isPending ? 'Loading suppliers…' : 'Choose a supplier…'}
          onChange={(event) => {
            void supplierField.onChange(event);
            const chosen = suppliers.data?.find((s) => String(s.id) === event.target.value);
            if (chosen?.currency) setValue('currency', chosen.currency);
          }}
        />
        <LocationField label="Ship to" error={errors.ship_to?.message} registration={register('ship_to')} locations={locations} />
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
        <DateField label="Expected delivery" error={errors.expected_date?.message} registration={register('expected_date')} />
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
              emptyLine={EMPTY_ORDER_LINE}
              product={{ valueKey: 'product', labelKey: 'product_label', apply: applyOrderProduct }}
              columns={ORDER_LINE_COLUMNS}
              paste={{ quantityKey: 'quantity', priceKey: 'unit_price', supplier: supplier ? Number(supplier) : undefined }}
              lineTotal={orderLineTotal}
              currency={currency}
              totalLabel="Order total before tax"
              errors={lineErrorsOf(errors.lines)}
            />
          )}
        />
      </fieldset>
      <NotesField error={errors.notes?.message} hint="Printed on the order the supplier receives." registration={register('notes')} />
      <FormActions submitLabel={'Save draft order'} busy={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
