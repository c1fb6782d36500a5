import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { applyApiErrors } from '@/lib/form-errors';

import { useCreateSupplierFromInvoice, type NewSupplier } from '../api/create-supplier-from-invoice';

const schema = z.object({
  name: z.string().trim().min(1, 'Enter the supplier’s name.').max(200),
  code: z
    .string()
    .trim()
    .min(1, 'Enter a short code.')
    .max(20, 'At most 20 characters.')
    .regex(/^[A-Za-z0-9._-]+$/, 'Letters, digits, dot, dash and underscore only.'),
  tax_id: z.string().trim().max(30),
  iban: z.string().trim().max(34),
  email: z.union([z.literal(''), z.string().trim().email('Enter a valid e-mail address.')]),
  currency: z.union([z.literal(''), z.string().trim().regex(/^[A-Z]{3}$/, 'Use a three-letter code, e.g. EUR.')]),
  line1: z.string().trim().max(200),
  postal_code: z.string().trim().max(20),
  city: z.string().trim().max(100),
  country: z.union([z.literal(''), z.string().trim().regex(/^[A-Z]{2}$/, 'Use a two-letter country code, e.g. DE.')]),
});

const FIELDS = Object.keys(schema.shape) as Array<keyof NewSupplier>;

/** A supplier code from a name: its first letters, upper-cased ("Lieferant GmbH" -> "LIEFERANTGMBH"). */
export function codeFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toUpperCase()
    .slice(0, 12);
}

interface CreateSupplierFromInvoiceProps {
  documentId: number;
  prefill: Partial<NewSupplier>;
  onCreated?: (supplier: { id: number; name: string }) => void;
}

/**
 * The invoice's issuer is not a known supplier: create it from what the invoice says (name,
 * VAT id, IBAN, address, e-mail), prefilled for the person to check. The draft invoice read
 * from the document then gets this supplier.
 */
export function CreateSupplierFromInvoice({ documentId, prefill, onCreated }: CreateSupplierFromInvoiceProps) {
  const create = useCreateSupplierFromInvoice(documentId);
  const defaults: NewSupplier = {
    name: prefill.name ?? '',
    code: prefill.code ?? codeFromName(prefill.name ?? ''),
    tax_id: prefill.tax_id ?? '',
    iban: (prefill.iban ?? '').replace(/\s+/g, ''),
    email: prefill.email ?? '',
    currency: prefill.currency ?? '',
    line1: prefill.line1 ?? '',
    postal_code: prefill.postal_code ?? '',
    city: prefill.city ?? '',
    country: prefill.country ?? '',
  };
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<NewSupplier>({ resolver: zodResolver(schema), defaultValues: defaults });

  const submit = handleSubmit(async (values) => {
    try {
      const supplier = await create.mutateAsync(values);
      toast.success(`Supplier ${supplier.name} created; the draft invoice now has its supplier.`);
      onCreated?.(supplier);
    } catch (error) {
      applyApiErrors(error, setError, FIELDS, { 'addresses.0.line1': 'line1', 'addresses.0.city': 'city', 'addresses.0.postal_code': 'postal_code', 'addresses.0.country': 'country' });
    }
  });

  const field = (name: keyof NewSupplier, label: string, required = false, hint?: string) => (
    <Field label={label} error={errors[name]?.message} required={required} {...(hint ? { hint } : {})}>
      {(control) => <Input {...control} {...register(name)} />}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate aria-label="New supplier from this invoice" className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-3 sm:grid-cols-2">
        {field('name', 'Supplier name', true)}
        {field('code', 'Supplier code', true, 'Short and unique; used in lists and exports.')}
        {field('tax_id', 'VAT / tax id')}
        {field('iban', 'IBAN')}
        {field('email', 'Accounts e-mail')}
        {field('currency', 'Currency')}
        {field('line1', 'Street')}
        {field('postal_code', 'Postal code')}
        {field('city', 'City')}
        {field('country', 'Country')}
      </div>
      <Button type="submit" busy={isSubmitting}>
        Create supplier
      </Button>
    </form>
  );
}
