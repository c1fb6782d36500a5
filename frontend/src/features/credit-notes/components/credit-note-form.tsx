import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Textarea } from '@/components/ui/textarea';
import { isApiError } from '@/lib/api-error';
import { isDecimal } from '@/lib/decimal';

import { CREDIT_REASONS, useIssueCreditNote, type CreditNote, type CreditReason } from '../api/issue-credit-note';

export interface CreditableLine {
  id: number;
  description: string;
  quantity: string;
  unit: string;
  unit_price: string;
}

/** Credit part of an invoice: a quantity per line (at the invoice price, or a corrected price
 * per unit), with a reason. Server errors land next to the line they concern. */
export function CreditNoteForm({ invoice, lines, onIssued }: { invoice: number; lines: readonly CreditableLine[]; onIssued: (note: CreditNote) => void }) {
  const issue = useIssueCreditNote();
  const [reason, setReason] = useState<CreditReason>('damaged');
  const [text, setText] = useState('');
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [prices, setPrices] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = async () => {
    const chosen = lines.filter((line) => (quantities[line.id] ?? '').trim() !== '');
    const local: Record<string, string> = {};
    for (const line of chosen) {
      if (!isDecimal(quantities[line.id] ?? '', 3)) local[`q${line.id}`] = 'Enter a quantity with up to 3 decimals.';
      const price = (prices[line.id] ?? '').trim();
      if (price && !isDecimal(price, 4)) local[`p${line.id}`] = 'Enter a price with up to 4 decimals.';
    }
    if (chosen.length === 0) local.root = 'Enter the quantity to credit on at least one line.';
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      const note = await issue.mutateAsync({
        invoice,
        reason,
        reason_text: text,
        lines: chosen.map((line) => ({
          invoice_line: line.id,
          quantity: (quantities[line.id] ?? '').trim(),
          ...((prices[line.id] ?? '').trim() ? { unit_price: (prices[line.id] ?? '').trim() } : {}),
        })),
      });
      onIssued(note);
    } catch (error) {
      const next: Record<string, string> = { root: isApiError(error) ? error.detail : 'The credit note could not be issued.' };
      if (isApiError(error)) {
        for (const [path, messages] of Object.entries(error.fieldErrors)) {
          const match = /^lines\.(\d+)\.quantity$/.exec(path);
          const line = match ? chosen[Number(match[1])] : undefined;
          if (line && messages[0]) next[`q${line.id}`] = messages[0];
        }
      }
      setErrors(next);
    }
  };
  return (
    <div className="space-y-4" aria-label="Credit note">
      <FormError message={errors.root} />
      <div className="grid gap-3 sm:grid-cols-2">
        <LabelledSelect label="Reason" value={reason} onChange={(value) => setReason(value as CreditReason)}>
          {Object.entries(CREDIT_REASONS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </LabelledSelect>
        <Field label="Details">{(c) => <Textarea {...c} rows={1} value={text} onChange={(event) => setText(event.target.value)} />}</Field>
      </div>
      {lines.map((line) => (
        <div key={line.id} className="grid gap-3 sm:grid-cols-3">
          <p className="text-sm sm:pt-7">
            {line.description}: {line.quantity} {line.unit} at {line.unit_price}
          </p>
          <Field label={`Credit quantity (${line.unit}), ${line.description}`} error={errors[`q${line.id}`]}>
            {(c) => <Input {...c} inputMode="decimal" value={quantities[line.id] ?? ''} onChange={(event) => setQuantities({ ...quantities, [line.id]: event.target.value })} />}
          </Field>
          <Field label={`Credit per ${line.unit} (blank: invoice price)`} error={errors[`p${line.id}`]}>
            {(c) => <Input {...c} inputMode="decimal" value={prices[line.id] ?? ''} onChange={(event) => setPrices({ ...prices, [line.id]: event.target.value })} />}
          </Field>
        </div>
      ))}
      <Button onClick={() => void submit()} busy={issue.isPending}>
        Issue credit note
      </Button>
    </div>
  );
}
