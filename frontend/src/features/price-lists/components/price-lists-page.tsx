import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Select } from '@/components/ui/select';
import { Table } from '@/components/ui/table';
import { errorMessage } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';
import { formatDate, formatMoney, formatQuantity } from '@/lib/format';

import {
  CUSTOMER_KINDS,
  PRICE_LIST_FIELDS,
  checkPrice,
  priceListSchema,
  priceListValues,
  useCreatePriceList,
  useCustomerOptions,
  usePriceLists,
  useProductOptions,
  useUpdatePriceList,
  type PriceList,
  type PriceListInput,
} from '../api/price-lists';

const CURRENCIES = ['USD', 'CAD', 'MXN', 'EUR', 'GBP'] as const;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function breaks(list: PriceList): string {
  return list.items
    .map((item) => `${item.product_sku}: ${formatMoney(item.unit_price, list.currency)}${Number(item.min_quantity ?? 0) > 0 ? ` from ${formatQuantity(item.min_quantity ?? "0")}` : ''}`)
    .join(' · ');
}

/** Customer prices: lists per customer or customer group, valid for a period, with quantity
 * breaks; an order line takes the best matching price and records which list it came from. */
export function PriceListsPage({ canCreate, canEdit }: { canCreate: boolean; canEdit: boolean }) {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const lists = usePriceLists(page, search);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<PriceList | null>(null);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <SearchInput label="Search" placeholder="Price list or customer" value={search} onSearch={(value) => { setSearch(value); setPage(1); }} />
        {canCreate && !creating && !editing ? <Button onClick={() => setCreating(true)}>New price list</Button> : null}
      </div>
      {creating ? <PriceListForm onDone={() => setCreating(false)} /> : null}
      {editing ? <PriceListForm key={editing.id} list={editing} onDone={() => setEditing(null)} /> : null}
      <Table
        caption="Price lists"
        columns={[
          { key: 'name', header: 'Price list', cell: (list: PriceList) => list.name },
          { key: 'for', header: 'For', cell: (list) => list.customer_name || CUSTOMER_KINDS[list.customer_kind as keyof typeof CUSTOMER_KINDS] || '—' },
          { key: 'valid', header: 'Valid', cell: (list) => `${formatDate(list.valid_from)} – ${list.valid_to ? formatDate(list.valid_to) : 'open'}` },
          { key: 'prices', header: 'Prices (quantity breaks)', cell: (list) => breaks(list) },
          { key: 'status', header: 'Status', cell: (list) => (list.is_active ? 'Active' : 'Inactive') },
          ...(canEdit
            ? [
                {
                  key: 'edit',
                  header: 'Actions',
                  cell: (list: PriceList) => (
                    <Button
                      variant="secondary"
                      aria-label={`Edit ${list.name}`}
                      onClick={() => {
                        setCreating(false);
                        setEditing(list);
                      }}
                    >
                      Edit
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
        rows={lists.data?.results}
        rowKey={(list) => list.id}
        isLoading={lists.isPending}
        error={lists.isError ? `Could not load price lists. ${errorMessage(lists.error)}` : null}
        emptyMessage={search ? 'No price list matches.' : 'No price list yet: every customer gets the list price.'}
      />
      <Pagination page={page} pageSize={20} count={lists.data?.count} onPageChange={setPage} label="Price list pages" />
      <PriceCheck />
    </div>
  );
}

/** A new list, or a change to `list` (its header and every price, replacing the saved ones).
 * A saved list's form opens once the customer and product choices are loaded, so its selects
 * show the saved values. */
function PriceListForm({ list, onDone }: { list?: PriceList; onDone: () => void }) {
  const customers = useCustomerOptions();
  const products = useProductOptions();
  if (list && (customers.isPending || products.isPending)) return <p className="text-sm">Loading the price list…</p>;
  return <PriceListFormFields list={list} onDone={onDone} />;
}

function PriceListFormFields({ list, onDone }: { list?: PriceList; onDone: () => void }) {
  const create = useCreatePriceList();
  const update = useUpdatePriceList(list?.id ?? 0);
  const title = list ? `Edit price list ${list.name}` : 'New price list';
  const customers = useCustomerOptions();
  const products = useProductOptions();
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PriceListInput>({
    resolver: zodResolver(priceListSchema),
    defaultValues: list
      ? priceListValues(list)
      : {
          name: '',
          applies_to: 'customer',
          customer: '',
          customer_kind: '',
          currency: 'USD',
          valid_from: today(),
          valid_to: '',
          is_active: true,
          items: [{ product: '', min_quantity: '0', unit_price: '' }],
        },
  });
  const items = useFieldArray({ control, name: 'items' });
  const appliesTo = useWatch({ control, name: 'applies_to' });
  const submit = handleSubmit(async (values) => {
    try {
      await (list ? update : create).mutateAsync(values);
      onDone();
    } catch (error) {
      applyApiErrors(error, setError, PRICE_LIST_FIELDS);
    }
  });
  return (
    <Card title={title}>
      <form onSubmit={submit} noValidate aria-label={list ? 'Edit price list' : 'New price list'} className="space-y-4">
        <FormError message={errors.root?.server?.message ?? errors.items?.message ?? errors.items?.root?.message} />
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Name" error={errors.name?.message} required>
            {(c) => <Input {...c} {...register('name')} />}
          </Field>
          <Field label="Applies to" error={errors.applies_to?.message}>
            {(c) => (
              <Select {...c} {...register('applies_to')}>
                <option value="customer">One customer</option>
                <option value="group">A customer group</option>
              </Select>
            )}
          </Field>
          {appliesTo === 'customer' ? (
            <Field label="Customer" error={errors.customer?.message} required>
              {(c) => (
                <Select {...c} {...register('customer')}>
                  <option value="">Choose…</option>
                  {(customers.data ?? []).map((customer) => (
                    <option key={customer.id} value={String(customer.id)}>
                      {customer.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : (
            <Field label="Customer group" error={errors.customer_kind?.message} required>
              {(c) => (
                <Select {...c} {...register('customer_kind')}>
                  <option value="">Choose…</option>
                  {Object.entries(CUSTOMER_KINDS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
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
          <Field label="Valid from" error={errors.valid_from?.message} required>
            {(c) => <Input {...c} type="date" {...register('valid_from')} />}
          </Field>
          <Field label="Valid to" error={errors.valid_to?.message} hint="Leave empty for open-ended.">
            {(c) => <Input {...c} type="date" {...register('valid_to')} />}
          </Field>
          {list ? <Checkbox label="Active (used for pricing)" {...register('is_active')} /> : null}
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Prices and quantity breaks</legend>
          {items.fields.map((field, index) => (
            <div key={field.id} className="grid items-end gap-3 sm:grid-cols-4">
              <Field label={`Product ${index + 1}`} error={errors.items?.[index]?.product?.message} required>
                {(c) => (
                  <Select {...c} {...register(`items.${index}.product`)}>
                    <option value="">Choose…</option>
                    {(products.data ?? []).map((product) => (
                      <option key={product.id} value={product.id}>
                        {product.sku} — {product.name}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={`From quantity ${index + 1}`} error={errors.items?.[index]?.min_quantity?.message} hint="0 = any quantity.">
                {(c) => <Input {...c} inputMode="decimal" {...register(`items.${index}.min_quantity`)} />}
              </Field>
              <Field label={`Unit price ${index + 1}`} error={errors.items?.[index]?.unit_price?.message} required>
                {(c) => <Input {...c} inputMode="decimal" {...register(`items.${index}.unit_price`)} />}
              </Field>
              <Button variant="secondary" onClick={() => items.remove(index)} disabled={items.fields.length === 1}>
                Remove price {index + 1}
              </Button>
            </div>
          ))}
          <Button variant="secondary" onClick={() => items.append({ product: '', min_quantity: '0', unit_price: '' })}>
            Add a price or quantity break
          </Button>
        </fieldset>
        <div className="flex gap-2">
          <Button type="submit" busy={isSubmitting}>
            {list ? 'Save price list' : 'Create price list'}
          </Button>
          <Button variant="secondary" onClick={onDone} disabled={isSubmitting}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** What a customer pays for a product and quantity today, and which list the price comes from. */
function PriceCheck() {
  const customers = useCustomerOptions();
  const products = useProductOptions();
  const [customer, setCustomer] = useState('');
  const [product, setProduct] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [result, setResult] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const run = async () => {
    setError(undefined);
    setResult(undefined);
    try {
      const price = await checkPrice(customer, product, quantity);
      setResult(`${price.unit_price} per unit · ${price.price_source}`);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <Card title="Check a customer's price">
      <div className="grid items-end gap-3 sm:grid-cols-4">
        <Field label="Price for customer">
          {(c) => (
            <Select {...c} value={customer} onChange={(event) => setCustomer(event.target.value)}>
              <option value="">Choose…</option>
              {(customers.data ?? []).map((option) => (
                <option key={option.id} value={String(option.id)}>
                  {option.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Price of product">
          {(c) => (
            <Select {...c} value={product} onChange={(event) => setProduct(event.target.value)}>
              <option value="">Choose…</option>
              {(products.data ?? []).map((option) => (
                <option key={option.id} value={option.id}>
                  {option.sku}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Quantity">{(c) => <Input {...c} inputMode="decimal" value={quantity} onChange={(event) => setQuantity(event.target.value)} />}</Field>
        <Button variant="secondary" onClick={() => void run()} disabled={!customer || !product}>
          Check price
        </Button>
      </div>
      <p className="mt-3 text-sm" aria-live="polite">
        {result}
      </p>
      <FormError message={error} />
    </Card>
  );
}
