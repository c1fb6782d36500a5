import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Select } from '@/components/ui/select';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatMoney } from '@/lib/format';
import { applyApiErrors } from '@/lib/form-errors';

import { CREDIT_POST_FIELDS, creditNotePostSchema, useCreditableInvoices, usePostCreditNote, type CreditNotePostInput } from '../api/credit-notes';
import type { SupplierInvoiceDetail } from '../api/get-supplier-invoice';

type Note = Pick<
  SupplierInvoiceDetail,
  'id' | 'supplier' | 'supplier_name' | 'currency' | 'total' | 'invoice_number' | 'credited_invoice' | 'credited_invoice_number' | 'credited_invoice_reference'
>;

interface CreditNotePostFormProps {
  note: Note;
  onPosted: (note: SupplierInvoiceDetail) => void;
}

/** Post a draft credit note, choosing (or changing, or clearing) the invoice it credits among
 * the supplier's open invoices. The one the document names is proposed; "No credited invoice"
 * posts it unlinked, its credit applied later. The server checks the choice (another supplier's
 * invoice, a credit note) and its refusal shows next to the field. */
export function CreditNotePostForm({ note, onPosted }: CreditNotePostFormProps) {
  const invoices = useCreditableInvoices(note.supplier);
  const post = usePostCreditNote(note.id);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreditNotePostInput>({
    resolver: zodResolver(creditNotePostSchema),
    defaultValues: { credited_invoice: note.credited_invoice ? String(note.credited_invoice) : '' },
  });
  const submit = handleSubmit(async (values) => {
    try {
      onPosted(await post.mutateAsync(values));
    } catch (error) {
      applyApiErrors(error, setError, CREDIT_POST_FIELDS);
    }
  });
  // The invoice credited now comes first, from the note itself, so it stays chosen while the
  // list loads and stays on offer even when it is no longer open.
  const options = (invoices.data ?? []).filter((invoice) => invoice.id !== note.credited_invoice);
  const unmatched = !note.credited_invoice && note.credited_invoice_reference;
  return (
    <form onSubmit={submit} noValidate aria-label="Post credit note" className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {formatMoney(note.total, note.currency)} owed to us by {note.supplier_name ?? 'the supplier'}. It is applied at once to the invoice it credits when that one is
        approved and open. Someone other than whoever entered it must post it.
      </p>
      {unmatched ? (
        <Alert tone="warning">
          The document names invoice {note.credited_invoice_reference}: no open invoice of this supplier has that number. Choose the invoice it credits, or post it
          without one and apply the credit later.
        </Alert>
      ) : null}
      {invoices.isError ? <Alert tone="error">Could not load the supplier's open invoices. {errorMessage(invoices.error)}</Alert> : null}
      <Field label="Credits invoice" error={errors.credited_invoice?.message} hint="The supplier's open invoices.">
        {(c) => (
          <Select {...c} {...register('credited_invoice')} disabled={invoices.isPending && note.supplier !== null}>
            <option value="">{!note.credited_invoice && invoices.isPending && note.supplier !== null ? 'Loading…' : 'No credited invoice: apply the credit later'}</option>
            {note.credited_invoice ? (
              <option value={String(note.credited_invoice)}>{`${note.credited_invoice_number ?? `#${note.credited_invoice}`} (credited now)`}</option>
            ) : null}
            {options.map((invoice) => (
              <option key={invoice.id} value={String(invoice.id)}>
                {invoice.invoice_number} · {formatDate(invoice.invoice_date)} · balance {formatMoney(invoice.balance, invoice.currency)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" busy={isSubmitting}>
        Post credit note
      </Button>
    </form>
  );
}
