import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';

import { EditConflict, useEditVersion } from '@/components/records/edit-version';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { applyApiErrors } from '@/lib/form-errors';

import { useCategoryTree } from '../api/get-category-tree';
import { productQueryOptions } from '../api/get-product';
import { UNIT_LABELS, UNITS, type Product } from '../api/get-products';
import { useTaxCategories } from '../api/get-tax-categories';
import { PRODUCT_FIELDS, productInputSchema, productToInput, useSaveProduct, type ProductInput } from '../api/save-product';
import { flattenTree, indentedLabel } from '../lib/category-tree';

export const CURRENCIES = ['USD', 'CAD', 'MXN', 'EUR', 'GBP'] as const;

interface ProductFormProps {
  product?: Product;
  onSaved: (product: Product) => void;
  onCancel: () => void;
}

export function ProductForm({ product, onSaved, onCancel }: ProductFormProps) {
  const tree = useCategoryTree();
  const taxCategories = useTaxCategories();
  const categories = flattenTree(tree.data ?? []);
  const currencies = product && !(CURRENCIES as readonly string[]).includes(product.currency) ? [...CURRENCIES, product.currency] : CURRENCIES;

  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ProductInput>({ resolver: zodResolver(productInputSchema), defaultValues: productToInput(product) });
  // A change names the version read (If-Match): someone else's change meanwhile is not overwritten.
  const id = product?.id ?? '';
  const edit = useEditVersion(`/api/v1/products/${id}/`, productQueryOptions(id), (fresh) => reset(productToInput(fresh)));
  const save = useSaveProduct(product?.id, edit.headers);

  const catchWeight = useWatch({ control, name: 'catch_weight' });

  const submit = handleSubmit(async (values) => {
    try {
      onSaved(await save.mutateAsync(values));
    } catch (error) {
      if (!edit.caught(error)) applyApiErrors(error, setError, PRODUCT_FIELDS);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={product ? 'Edit product' : 'New product'} className="max-w-3xl space-y-5">
      <FormError message={errors.root?.server?.message} />
      <EditConflict edit={edit} what="product" />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="SKU" error={errors.sku?.message} required hint="Stored in capitals.">
          {(control) => <Input {...control} autoComplete="off" {...register('sku')} />}
        </Field>
        <Field label="Name" error={errors.name?.message} required>
          {(control) => <Input {...control} {...register('name')} />}
        </Field>
        <Field label="Category" error={errors.category?.message} required>
          {(control) => (
            <Select {...control} {...register('category')}>
              <option value="">Choose…</option>
              {categories.map((category) => (
                <option key={category.id} value={category.id}>
                  {indentedLabel(category)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Unit" error={errors.unit?.message} required>
          {(control) => (
            <Select {...control} {...register('unit')}>
              {UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {UNIT_LABELS[unit]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="List price" error={errors.list_price?.message} required hint="Per unit, e.g. 4.85">
          {(control) => <Input {...control} inputMode="decimal" autoComplete="off" {...register('list_price')} />}
        </Field>
        <Field label="Standard cost" error={errors.standard_cost?.message} hint="Optional, per unit.">
          {(control) => <Input {...control} inputMode="decimal" autoComplete="off" {...register('standard_cost')} />}
        </Field>
        <Field label="Currency" error={errors.currency?.message} required>
          {(control) => (
            <Select {...control} {...register('currency')}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Tax category" error={errors.tax_category?.message} required>
          {(control) => (
            <Select {...control} {...register('tax_category')}>
              <option value="">Choose…</option>
              {(taxCategories.data ?? []).map((tax) => (
                <option key={tax.id} value={tax.id}>
                  {tax.code} — {tax.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="GTIN" error={errors.gtin?.message} hint="Optional barcode: 8, 12, 13 or 14 digits.">
          {(control) => <Input {...control} inputMode="numeric" autoComplete="off" {...register('gtin')} />}
        </Field>
      </div>
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-700">
        <legend className="px-1 text-sm font-medium">Lots and catch weight</legend>
        <Checkbox label="Lot-tracked (stock kept per lot: code, plant, pack date, use-by)" {...register('lot_tracked')} />
        <Checkbox label="Catch weight (counted in cases, priced and invoiced by actual weight)" {...register('catch_weight')} />
        {catchWeight ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Weight unit" error={errors.weight_unit?.message} required>
              {(control) => (
                <Select {...control} {...register('weight_unit')}>
                  <option value="">Choose…</option>
                  <option value="lb">lb</option>
                  <option value="kg">kg</option>
                </Select>
              )}
            </Field>
            <Field label="Nominal case weight" error={errors.nominal_weight?.message} required hint="Net weight of one case.">
              {(control) => <Input {...control} inputMode="decimal" autoComplete="off" {...register('nominal_weight')} />}
            </Field>
            <Field label="Weight tolerance %" error={errors.weight_tolerance_percent?.message} hint="How far a case may stray.">
              {(control) => <Input {...control} inputMode="decimal" autoComplete="off" {...register('weight_tolerance_percent')} />}
            </Field>
          </div>
        ) : null}
      </fieldset>
      <Field label="Description" error={errors.description?.message}>
        {(control) => <Textarea {...control} {...register('description')} />}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={isSubmitting}>
          {product ? 'Save changes' : 'Create product'}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
