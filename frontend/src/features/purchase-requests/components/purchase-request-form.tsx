import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm, useWatch } from 'react-hook-form';

import { LineGrid, lineErrorsOf, type LineColumn } from '@/components/line-grid/line-grid';
import type { LineProduct } from '@/components/line-grid/product-lookup';
import { EditConflict, useEditVersion } from '@/components/records/edit-version';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { applyApiErrors } from '@/lib/form-errors';
import { lineTotal } from '@/lib/line-totals';

import { purchaseRequestQueryOptions, type PurchaseRequest } from '../api/get-purchase-request';
import { useSupplierOptions } from '../api/get-supplier-options';
import {
  EMPTY_ITEM,
  REQUEST_FIELDS,
  UNIT_LABELS,
  purchaseRequestInputSchema,
  requestToInput,
  useSavePurchaseRequest,
  type ItemInput,
  type PurchaseRequestInput,
  type Unit,
} from '../api/save-purchase-request';

const CURRENCIES = ['USD', 'CAD', 'MXN', 'EUR', 'GBP'] as const;

const ITEM_COLUMNS: readonly LineColumn[] = [
  { key: 'description', header: 'Description', kind: 'text', placeholder: 'Optional with a product' },
  { key: 'quantity', header: 'Quantity', kind: 'decimal', align: 'right', width: 'w-24' },
  { key: 'unit', header: 'Unit', kind: 'select', width: 'w-24', options: (Object.keys(UNIT_LABELS) as Unit[]).map((unit) => ({ value: unit, label: UNIT_LABELS[unit] })) },
  { key: 'estimated_unit_price', header: 'Est. unit price', kind: 'decimal', align: 'right', width: 'w-32' },
];

function applyProduct(item: ItemInput, product: LineProduct | null): ItemInput {
  if (!product) return { ...item, product: '', product_label: '' };
  return {
    ...item,
    product: product.id,
    product_label: `${product.sku} — ${product.name}`,
    unit: product.unit as Unit,
    estimated_unit_price: item.estimated_unit_price || product.list_price || '',
  };
}

function itemTotal(item: ItemInput): string | null {
  return lineTotal(item.quantity, item.estimated_unit_price);
}

interface PurchaseRequestFormProps {
  request?: PurchaseRequest;
  onSaved: (request: PurchaseRequest, submitAfter: boolean) => void;
  onCancel: () => void;
}

/** A request with its item rows; totals update as you type (the server's figures are final). */
export function PurchaseRequestForm({ request, onSaved, onCancel }: PurchaseRequestFormProps) {
  const suppliers = useSupplierOptions();
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PurchaseRequestInput>({ resolver: zodResolver(purchaseRequestInputSchema), defaultValues: requestToInput(request) });
  // A change names the version read (If-Match): someone else's change meanwhile is not overwritten.
  const id = request?.id ?? 0;
  const edit = useEditVersion(`/api/v1/purchase-requests/${id}/`, purchaseRequestQueryOptions(id), (fresh) => reset(requestToInput(fresh)));
  const save = useSavePurchaseRequest(request?.id, edit.headers);
  const currency = useWatch({ control, name: 'currency' });
  const suggestedSupplier = useWatch({ control, name: 'suggested_supplier' });

  const submitWith = (submitAfter: boolean) =>
    handleSubmit(async (values) => {
      try {
        onSaved(await save.mutateAsync(values), submitAfter);
      } catch (error) {
        if (!edit.caught(error)) applyApiErrors(error, setError, REQUEST_FIELDS);
      }
    });

  return (
    <form onSubmit={submitWith(false)} noValidate aria-label={request ? 'Edit purchase request' : 'New purchase request'} className="space-y-5">
      <FormError message={errors.root?.server?.message} />
      <EditConflict edit={edit} what="request" />
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
        <Controller
          control={control}
          name="items"
          render={({ field }) => (
            <LineGrid
              label="Items"
              lines={field.value}
              onChange={field.onChange}
              emptyLine={EMPTY_ITEM}
              product={{ valueKey: 'product', labelKey: 'product_label', apply: applyProduct }}
              columns={ITEM_COLUMNS}
              paste={{ quantityKey: 'quantity', priceKey: 'estimated_unit_price', supplier: suggestedSupplier ? Number(suggestedSupplier) : undefined }}
              lineTotal={itemTotal}
              currency={currency}
              totalLabel="Estimated total"
              errors={lineErrorsOf(errors.items)}
              footnote="Describe an item that is not in the catalog in its Description cell, without a product."
            />
          )}
        />
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
