import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { applyApiErrors } from '@/lib/form-errors';
import { formatQuantity } from '@/lib/format';

import {
  INVOICE_FIELDS,
  supplierInvoiceInputSchema,
  useCreateSupplierInvoice,
  type InvoiceLineInput,
  type SupplierInvoiceInput,
} from '../api/create-supplier-invoice';
import type { SupplierInvoice } from '../api/get-supplier-invoices';
import { useInvoiceableOrders, useSupplierOptions, type OrderOption } from '../api/get-invoice-form-options';

/** What the document said, as plain strings; everything is optional. */
export interface InvoiceDraft {
  supplier_id?: number | null;
  supplier_name?: string | null;
  invoice_number?: string | null;
  invoice_date?: string | null;
  due_date?: string | null;
  po_number?: string | null;
  currency?: string | null;
  subtotal?: string | null;
  tax?: string | null;
  total?: string | null;
  lines?: ReadonlyArray<{ description: string; quantity: string | null; unit_price: string | null }>;
}

function trimZeros(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** An order's lines as invoice lines: what was received and not yet invoiced, at the order price. */
export function linesFromOrder(order: OrderOption): InvoiceLineInput[] {
  return order.lines.map((line) => {
    const open = Math.max(0, Math.round(Number(line.quantity_received) * 1000) - Math.round(Number(line.quantity_invoiced) * 1000)) / 1000;
    return {
      order_line: String(line.id),
      description: line.description,
      quantity: trimZeros(String(open > 0 ? open : Number(line.quantity))),
      unit_price: trimZeros(line.unit_price),
    };
  });
}

function initialValues(draft: InvoiceDraft): SupplierInvoiceInput {
  return {
    supplier: draft.supplier_id ? String(draft.supplier_id) : '',
    invoice_number: draft.invoice_number ?? '',
    purchase_order: '',
    invoice_date: draft.invoice_date ?? '',
    due_date: draft.due_date ?? '',
    currency: draft.currency ?? 'USD',
    subtotal: draft.subtotal ?? '',
    tax: draft.tax ?? '0.00',
    total: draft.total ?? '',
    lines: (draft.lines ?? []).map((line) => ({
      order_line: '',
      description: line.description,
      quantity: line.quantity ?? '',
      unit_price: line.unit_price ?? '',
    })),
  };
}

interface SupplierInvoiceFormProps {
  draft: InvoiceDraft;
  onCreated: (invoice: SupplierInvoice) => Promise<void> | void;
}

/**
 * Enter the invoice from what was read off the document: the supplier, the purchase order it
 * bills, the amounts and lines (each tied to an order line so the three-way match can run).
 */
export function SupplierInvoiceForm({ draft, onCreated }: SupplierInvoiceFormProps) {
  const create = useCreateSupplierInvoice();
  const suppliers = useSupplierOptions();
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<SupplierInvoiceInput>({ resolver: zodResolver(supplierInvoiceInputSchema), defaultValues: initialValues(draft) });
  const lines = useFieldArray({ control, name: 'lines' });
  const supplier = useWatch({ control, name: 'supplier' });
  const purchaseOrder = useWatch({ control, name: 'purchase_order' });
  const watchedLines = useWatch({ control, name: 'lines' });
  const orders = useInvoiceableOrders(supplier ? Number(supplier) : null);
  const order = orders.data?.find((o) => String(o.id) === purchaseOrder);
  const suggested = draft.po_number ? orders.data?.find((o) => o.number === draft.po_number) : undefined;

  const chooseOrder = (id: string) => {
    setValue('purchase_order', id, { shouldDirty: true });
    const chosen = orders.data?.find((o) => String(o.id) === id);
    if (!chosen) return;
    // Extracted lines keep their figures and are tied to the order's lines in order; with no
    // extracted lines the order's open lines are proposed.
    if (lines.fields.length === 0) lines.replace(linesFromOrder(chosen));
    else lines.fields.forEach((_, index) => setValue(`lines.${index}.order_line`, chosen.lines[index] ? String(chosen.lines[index].id) : ''));
  };

  const submit = handleSubmit(async (values) => {
    try {
      await onCreated(await create.mutateAsync(values));
    } catch (error) {
      applyApiErrors(error, setError, INVOICE_FIELDS);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Enter supplier invoice" className="space-y-5">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Supplier"
          error={errors.supplier?.message}
          required
          hint={draft.supplier_name && !draft.supplier_id ? `The document says “${draft.supplier_name}”.` : undefined}
        >
          {(c) => (
            <Select {...c} {...register('supplier', { onChange: () => setValue('purchase_order', '') })}>
              <option value="">{suppliers.isPending ? 'Loading suppliers…' : 'Choose the supplier…'}</option>
              {(suppliers.data ?? []).map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.name} ({s.code})
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          label="Purchase order"
          error={errors.purchase_order?.message}
          hint={suggested && purchaseOrder === '' ? `The document names ${suggested.number}.` : draft.po_number ? `The document names ${draft.po_number}.` : undefined}
        >
          {(c) => (
            <Select {...c} value={purchaseOrder} onChange={(event) => chooseOrder(event.target.value)} disabled={!supplier}>
              <option value="">{!supplier ? 'Choose the supplier first' : orders.isPending ? 'Loading orders…' : 'No purchase order'}</option>
              {(orders.data ?? []).map((o) => (
                <option key={o.id} value={String(o.id)}>
                  {o.number} ({o.status.replace(/_/g, ' ')})
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Invoice number" error={errors.invoice_number?.message} required>
          {(c) => <Input {...c} {...register('invoice_number')} />}
        </Field>
        <Field label="Currency" error={errors.currency?.message} required>
          {(c) => <Input {...c} maxLength={3} {...register('currency')} />}
        </Field>
        <Field label="Invoice date" error={errors.invoice_date?.message} required>
          {(c) => <Input {...c} type="date" {...register('invoice_date')} />}
        </Field>
        <Field label="Due date" error={errors.due_date?.message}>
          {(c) => <Input {...c} type="date" {...register('due_date')} />}
        </Field>
        <Field label="Subtotal" error={errors.subtotal?.message} required>
          {(c) => <Input {...c} inputMode="decimal" {...register('subtotal')} />}
        </Field>
        <Field label="Tax" error={errors.tax?.message} required>
          {(c) => <Input {...c} inputMode="decimal" {...register('tax')} />}
        </Field>
        <Field label="Invoice total" error={errors.total?.message} required>
          {(c) => <Input {...c} inputMode="decimal" {...register('total')} />}
        </Field>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Lines</legend>
        {typeof errors.lines?.message === 'string' ? <FormError message={errors.lines.message} /> : null}
        {order ? (
          <Button size="sm" variant="ghost" onClick={() => lines.replace(linesFromOrder(order))}>
            Use the lines of {order.number}
          </Button>
        ) : null}
        {lines.fields.map((field, index) => {
          const rowErrors = errors.lines?.[index];
          return (
            <fieldset key={field.id} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2 dark:border-slate-800">
              <legend className="px-1 text-sm font-medium">Line {index + 1}</legend>
              <Field label={`Order line, line ${index + 1}`} error={rowErrors?.order_line?.message}>
                {(c) => (
                  <Select
                    {...c}
                    value={watchedLines?.[index]?.order_line ?? ''}
                    onChange={(event) => setValue(`lines.${index}.order_line`, event.target.value, { shouldDirty: true })}
                  >
                    <option value="">Not on the order</option>
                    {(order?.lines ?? []).map((l) => (
                      <option key={l.id} value={String(l.id)}>
                        #{l.line_no} {l.description} ({formatQuantity(l.quantity, l.unit)})
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={`Description, line ${index + 1}`} error={rowErrors?.description?.message}>
                {(c) => <Input {...c} {...register(`lines.${index}.description`)} />}
              </Field>
              <Field label={`Quantity, line ${index + 1}`} error={rowErrors?.quantity?.message} required>
                {(c) => <Input {...c} inputMode="decimal" {...register(`lines.${index}.quantity`)} />}
              </Field>
              <Field label={`Unit price, line ${index + 1}`} error={rowErrors?.unit_price?.message} required>
                {(c) => <Input {...c} inputMode="decimal" {...register(`lines.${index}.unit_price`)} />}
              </Field>
              <Button size="sm" variant="ghost" className="sm:col-span-2 sm:justify-self-start" onClick={() => lines.remove(index)}>
                Remove line {index + 1}
              </Button>
            </fieldset>
          );
        })}
        <Button size="sm" variant="secondary" onClick={() => lines.append({ order_line: '', description: '', quantity: '', unit_price: '' })}>
          Add a line
        </Button>
      </fieldset>
      <Button type="submit" busy={isSubmitting}>
        Create invoice and match
      </Button>
    </form>
  );
}
