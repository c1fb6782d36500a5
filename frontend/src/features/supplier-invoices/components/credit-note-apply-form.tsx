import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatMoney } from '@/lib/format';
import { applyApiErrors } from '@/lib/form-errors';

import {
  CREDIT_APPLY_FIELDS,
  cents,
  creditApplySchema,
  useApplyCreditNote,
  useOpenSupplierInvoices,
  type CreditApplyInput,
} from '../api/credit-notes';
import type { SupplierInvoiceDetail } from '../api/get-supplier-invoice';

interface CreditNoteApplyFormProps {
  note: Pick<SupplierInvoiceDetail, 'id' | 'supplier' | 'currency' | 'balance' | 'credited_invoice' | 'invoice_number'>;
  onApplied: (note: SupplierInvoiceDetail) => void;
}

function smaller(a: string, b: string): string {
  return cents(a) <= cents(b) ? a : b;
}

/** Apply a posted credit note to one of its supplier's approved, open invoices in its currency:
 * the amount proposed is all that can go (the credit left, or the invoice's balance if less). */
export function CreditNoteApplyForm({ note, onApplied }: CreditNoteApplyFormProps) {
  const invoices = useOpenSupplierInvoices(note.supplier, note.currency);
  const apply = useApplyCreditNote(note.id);
  const balances = useMemo(() => new Map((invoices.data ?? []).map((i) => [i.id, i.balance])), [invoices.data]);
  const schema = useMemo(() => creditApplySchema(note.balance, balances), [note.balance, balances]);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<CreditApplyInput>({ resolver: zodResolver(schema), defaultValues: { invoice: '', amount: note.balance } });
  const money = (value: string) => formatMoney(value, note.currency);
  const submit = handleSubmit(async (values) => {
    try {
      onApplied(await apply.mutateAsync(values));
    } catch (error) {
      applyApiErrors(error, setError, CREDIT_APPLY_FIELDS);
    }
  });
  if (invoices.isError) return <Alert tone="error">Could not load the supplier's open invoices. {errorMessage(invoices.error)}</Alert>;
  if (!invoices.isPending && (invoices.data ?? []).length === 0) {
    return <Alert tone="info">No invoice of this supplier in {note.currency} is approved for payment with a balance open. The credit stays available until one is.</Alert>;
  }
  const invoiceField = register('invoice', {
    onChange: (event: { target: { value: string } }) => {
      const balance = balances.get(Number(event.target.value));
      if (balance !== undefined) setValue('amount', smaller(note.balance, balance));
    },
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Apply credit note" className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <p className="text-sm text-slate-600 dark:text-slate-400">Credit left on {note.invoice_number}: {money(note.balance)}.</p>
      <Field label="Invoice" error={errors.invoice?.message} required>
        {(c) => (
          <Select {...c} {...invoiceField} disabled={invoices.isPending}>
            <option value="">{invoices.isPending ? 'Loading…' : 'Choose an invoice'}</option>
            {(invoices.data ?? []).map((invoice) => (
              <option key={invoice.id} value={String(invoice.id)}>
                {invoice.invoice_number} · due {formatDate(invoice.due_date)} · balance {money(invoice.balance)}
                {invoice.id === note.credited_invoice ? ' (credited by this note)' : ''}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Amount" error={errors.amount?.message} required hint="At most the credit left and the invoice's balance.">
        {(c) => <Input {...c} inputMode="decimal" {...register('amount')} />}
      </Field>
      <Button type="submit" busy={isSubmitting}>
        Apply credit
      </Button>
    </form>
  );
}
