import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm } from 'react-hook-form';

import { ChoiceField, DateField, FormActions, NotesField, OrderHeader, ReferenceField, locationChoices } from '@/components/records/order-header';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { applyApiErrors } from '@/lib/form-errors';

import { QUOTE_FIELDS, quoteSchema, useCreateQuote, useQuoteOptions, type QuoteInput, type SalesQuote } from '../api/sales-quotes';

function daysAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A new quote: customer, ship-from, validity and lines (product and quantity). The server
 * prices each line from the customer's price list and says where each price came from. */
export function QuoteForm({ onCreated, onCancel }: { onCreated: (quote: SalesQuote) => void; onCancel: () => void }) {
  const create = useCreateQuote();
  const { customers, locations, products } = useQuoteOptions();
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<QuoteInput>({
    resolver: zodResolver(quoteSchema),
    defaultValues: { customer: '', location: '', valid_until: daysAhead(30), customer_reference: '', notes: '', lines: [{ product: '', quantity: '' }] },
  });
  const lines = useFieldArray({ control, name: 'lines' });
  const submit = handleSubmit(async (values) => {
    try {
      onCreated(await create.mutateAsync(values));
    } catch (error) {
      applyApiErrors(error, setError, QUOTE_FIELDS);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="New quote" className="space-y-4">
      <FormError message={errors.root?.server?.message ?? errors.lines?.message ?? errors.lines?.root?.message} />
      <OrderHeader className="grid gap-3 sm:grid-cols-2">
        <ChoiceField
          label="Customer"
          error={errors.customer?.message}
          required
          registration={register('customer')}
          choices={(customers.data ?? []).map((customer) => ({ value: String(customer.id), label: customer.name }))}
          placeholder="Choose…"
        />
        <ChoiceField label="Ships from" error={errors.location?.message} required registration={register('location')} choices={locationChoices(locations.data)} placeholder="Choose…" />
        <DateField label="Valid until" error={errors.valid_until?.message} hint="Empty: 30 days from today." registration={register('valid_until')} />
        <ReferenceField error={errors.customer_reference?.message} hint="Their enquiry or RFQ number." registration={register('customer_reference')} />
      </OrderHeader>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Lines</legend>
        {lines.fields.map((field, index) => (
          <div key={field.id} className="grid items-end gap-3 sm:grid-cols-3">
            <Field label={`Product ${index + 1}`} error={errors.lines?.[index]?.product?.message} required>
              {(c) => (
                <Select {...c} {...register(`lines.${index}.product`)}>
                  <option value="">Choose…</option>
                  {(products.data ?? []).map((product) => (
                    <option key={product.id} value={product.id}>
                      {product.sku} — {product.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={`Quantity ${index + 1}`} error={errors.lines?.[index]?.quantity?.message} required>
              {(c) => <Input {...c} inputMode="decimal" {...register(`lines.${index}.quantity`)} />}
            </Field>
            <Button variant="secondary" onClick={() => lines.remove(index)} disabled={lines.fields.length === 1}>
              Remove line {index + 1}
            </Button>
          </div>
        ))}
        <Button variant="secondary" onClick={() => lines.append({ product: '', quantity: '' })}>
          Add a line
        </Button>
      </fieldset>
      <NotesField error={errors.notes?.message} hint="Printed on the quote." registration={register('notes')} />
      <FormActions submitLabel="Create quote" busy={isSubmitting} onCancel={onCancel} className="flex gap-2" />
    </form>
  );
}
