import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm, useWatch } from 'react-hook-form';

import { LineGrid, lineErrorsOf } from '@/components/line-grid/line-grid';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
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
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Supplier" error={errors.supplier?.message} required>
          {(c) => (
            <Select
              {...c}
              {...supplierField}
              onChange={(event) => {
                void supplierField.onChange(event);
                const chosen = suppliers.data?.find((s) => String(s.id) === event.target.value);
                if (chosen?.currency) setValue('currency', chosen.currency);
              }}
            >
              <option value="">{suppliers.isPending ? 'Loading suppliers…' : 'Choose a supplier…'}</option>
              {(suppliers.data ?? []).map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name} ({s.code})
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Ship to" error={errors.ship_to?.message} required>
          {(c) => (
            <Select {...c} {...register('ship_to')}>
              <option value="">{locations.isPending ? 'Loading locations…' : 'Choose a location…'}</option>
              {(locations.data ?? []).map((l) => (
                <option key={l.id} value={String(l.id)}>
                  {l.code} — {l.name}
                </option>
              ))}
            </Select>
          )}
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
        <Field label="Expected delivery" error={errors.expected_date?.message}>
          {(c) => <Input {...c} type="date" {...register('expected_date')} />}
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
      <Field label="Notes" error={errors.notes?.message} hint="Printed on the order the supplier receives.">
        {(c) => <Textarea {...c} rows={2} {...register('notes')} />}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={isSubmitting}>
          Save draft order
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
