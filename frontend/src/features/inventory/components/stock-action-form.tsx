import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type FieldValues, type UseFormReturn } from 'react-hook-form';
import type { ZodType } from 'zod';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { applyApiErrors } from '@/lib/form-errors';

import { useLocations, type Location } from '../api/get-locations';
import {
  adjustmentSchema,
  countSchema,
  receiptSchema,
  transferSchema,
  usePostStockAction,
  type MovementsOutput,
  type StockAction,
  type StockActionInput,
} from '../api/post-stock-action';

import { ProductPicker } from './product-picker';

/** When the form is opened from a stock row, the product (and location) are already known. */
export interface StockActionPreset {
  product: { id: string; sku: string; name: string; unit: string; lotTracked?: boolean; catchWeight?: boolean; weightUnit?: string };
  location?: number;
  onHand?: string;
}

interface StockActionFormProps {
  action: StockAction;
  preset?: StockActionPreset | undefined;
  onDone: (result: MovementsOutput) => void;
  onCancel: () => void;
}

const SCHEMAS: Record<StockAction, ZodType<FieldValues, FieldValues>> = {
  adjustment: adjustmentSchema as unknown as ZodType<FieldValues, FieldValues>,
  transfer: transferSchema as unknown as ZodType<FieldValues, FieldValues>,
  receipt: receiptSchema as unknown as ZodType<FieldValues, FieldValues>,
  count: countSchema as unknown as ZodType<FieldValues, FieldValues>,
};

const FIELDS: Record<StockAction, string[]> = {
  adjustment: ['product', 'reference', 'location', 'quantity', 'reason', 'unit_cost', 'lot_code', 'use_by', 'weight'],
  transfer: ['product', 'reference', 'from_location', 'to_location', 'quantity'],
  receipt: ['product', 'reference', 'location', 'quantity', 'unit_cost'],
  count: ['product', 'reference', 'location', 'counted_quantity', 'reason'],
};

const SUBMIT: Record<StockAction, string> = {
  adjustment: 'Post adjustment',
  transfer: 'Transfer',
  receipt: 'Post receipt',
  count: 'Post count',
};

function defaults(action: StockAction, preset: StockActionPreset | undefined): FieldValues {
  const product = preset?.product.id ?? '';
  const location = preset?.location ? String(preset.location) : '';
  switch (action) {
    case 'adjustment':
      return { product, reference: '', location, quantity: '', reason: '', unit_cost: '', lot_code: '', use_by: '', weight: '' };
    case 'transfer':
      return { product, reference: '', from_location: location, to_location: '', quantity: '' };
    case 'receipt':
      return { product, reference: '', location, quantity: '', unit_cost: '' };
    case 'count':
      return { product, reference: '', location, counted_quantity: '', reason: '' };
  }
}

function LocationSelect({ form, name, label, locations }: { form: UseFormReturn; name: string; label: string; locations: Location[] }) {
  const error = form.formState.errors[name]?.message;
  return (
    <Field label={label} error={typeof error === 'string' ? error : undefined} required>
      {(control) => (
        <Select {...control} {...form.register(name)}>
          <option value="">Choose…</option>
          {locations.map((location) => (
            <option key={location.id} value={location.id}>
              {location.code} — {location.name}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

function TextField({
  form,
  name,
  label,
  required,
  hint,
  decimal,
}: {
  form: UseFormReturn;
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  decimal?: boolean;
}) {
  const error = form.formState.errors[name]?.message;
  return (
    <Field label={label} error={typeof error === 'string' ? error : undefined} required={required} hint={hint}>
      {(control) => <Input {...control} autoComplete="off" inputMode={decimal ? 'decimal' : undefined} {...form.register(name)} />}
    </Field>
  );
}

function DateField({ form, name, label }: { form: UseFormReturn; name: string; label: string }) {
  const error = form.formState.errors[name]?.message;
  return (
    <Field label={label} error={typeof error === 'string' ? error : undefined}>
      {(control) => <Input {...control} type="date" {...form.register(name)} />}
    </Field>
  );
}

/** One form for the four stock actions; the API's field errors land next to their fields. */
export function StockActionForm({ action, preset, onDone, onCancel }: StockActionFormProps) {
  const post = usePostStockAction();
  const locations = useLocations();
  const active = (locations.data ?? []).filter((location) => location.is_active);
  const form = useForm<FieldValues>({ resolver: zodResolver(SCHEMAS[action]), defaultValues: defaults(action, preset) });
  const { errors, isSubmitting } = form.formState;
  const unit = preset?.product.unit;

  const submit = form.handleSubmit(async (values) => {
    try {
      onDone(await post.mutateAsync({ action, values } as StockActionInput));
    } catch (error) {
      applyApiErrors(error, form.setError, FIELDS[action]);
    }
  });

  const productError = errors.product?.message;

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      {preset ? (
        <p className="text-sm">
          <span className="font-medium">{preset.product.sku}</span> — {preset.product.name}
          {preset.onHand !== undefined ? <span className="text-slate-600 dark:text-slate-400"> · on hand {preset.onHand}</span> : null}
          {typeof productError === 'string' ? <span className="block text-red-700 dark:text-red-400">{productError}</span> : null}
        </p>
      ) : (
        <ProductPicker registration={form.register('product')} error={typeof productError === 'string' ? productError : undefined} />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {action === 'transfer' ? (
          <>
            <LocationSelect form={form} name="from_location" label="From location" locations={active} />
            <LocationSelect form={form} name="to_location" label="To location" locations={active} />
          </>
        ) : (
          <LocationSelect form={form} name="location" label="Location" locations={active} />
        )}
        {action === 'adjustment' ? (
          <TextField form={form} name="quantity" label={`Change${unit ? ` (${unit})` : ''}`} required decimal hint="Positive adds stock, negative removes it." />
        ) : null}
        {action === 'adjustment' && (!preset || preset.product.lotTracked) ? (
          <>
            <TextField form={form} name="lot_code" label="Lot" required={preset?.product.lotTracked} hint="The lot of the cases; a new lot is registered when adding." />
            <DateField form={form} name="use_by" label="Use-by (new lot)" />
          </>
        ) : null}
        {action === 'adjustment' && (!preset || preset.product.catchWeight) ? (
          <TextField
            form={form}
            name="weight"
            label={`Net weight${preset?.product.weightUnit ? ` (${preset.product.weightUnit})` : ''}`}
            required={preset?.product.catchWeight}
            decimal
            hint="Actual weight of the cases added or removed (catch weight)."
          />
        ) : null}
        {action === 'transfer' || action === 'receipt' ? (
          <TextField form={form} name="quantity" label={`Quantity${unit ? ` (${unit})` : ''}`} required decimal />
        ) : null}
        {action === 'count' ? (
          <TextField form={form} name="counted_quantity" label={`Counted quantity${unit ? ` (${unit})` : ''}`} required decimal hint="What is on the shelf; the difference is posted." />
        ) : null}
        {action === 'receipt' ? <TextField form={form} name="unit_cost" label="Unit cost" required decimal /> : null}
        {action === 'adjustment' ? <TextField form={form} name="unit_cost" label="Unit cost" decimal hint="Optional, for stock added." /> : null}
        {action === 'adjustment' ? <TextField form={form} name="reason" label="Reason" required hint="E.g. damaged in handling." /> : null}
        {action === 'count' ? <TextField form={form} name="reason" label="Note" /> : null}
        <TextField form={form} name="reference" label="Reference" hint="Your document number (optional)." />
      </div>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" busy={isSubmitting}>
          {SUBMIT[action]}
        </Button>
      </div>
    </form>
  );
}
