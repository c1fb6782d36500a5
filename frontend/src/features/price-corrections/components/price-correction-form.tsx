import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { isApiError } from '@/lib/api-error';
import { isDecimal } from '@/lib/decimal';
import { formatQuantity } from '@/lib/format';

import type { InvoiceLinePrice, PriceCorrectionInput } from '../api/price-corrections';

/** Correct the price of invoice lines (the invoice stays as issued): a lower price is credited
 * by a credit note, a higher one charged by a debit note. The server decides which and refuses
 * a correction that lowers some lines and raises others. */
export function PriceCorrectionForm({ lines, currency, onSubmit }: { lines: readonly InvoiceLinePrice[]; currency: string; onSubmit: (input: PriceCorrectionInput) => Promise<unknown> }) {
  const [prices, setPrices] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const chosen = lines.filter((line) => (prices[line.invoice_line] ?? '').trim() !== '');
    const local: Record<string, string> = {};
    for (const line of chosen) {
      if (!isDecimal((prices[line.invoice_line] ?? '').trim(), 4)) local[String(line.invoice_line)] = 'Enter a price with up to 4 decimals.';
    }
    if (!reason.trim()) local.reason = 'Say why the price is corrected.';
    if (chosen.length === 0) local.root = 'Enter the right price on at least one line.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await onSubmit({ reason_text: reason.trim(), lines: chosen.map((line) => ({ invoice_line: line.invoice_line, unit_price: (prices[line.invoice_line] ?? '').trim() })) });
    } catch (error) {
      const next: Record<string, string> = { root: isApiError(error) ? error.detail : 'The prices could not be corrected.' };
      if (isApiError(error)) {
        for (const [path, messages] of Object.entries(error.fieldErrors)) {
          const match = /^lines\.(\d+)\./.exec(path);
          const line = match ? chosen[Number(match[1])] : undefined;
          if (line && messages[0]) next[String(line.invoice_line)] = messages[0];
          if (path === 'reason_text' && messages[0]) next.reason = messages[0];
        }
      }
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-4" aria-label="Price correction">
      <FormError message={errors.root} />
      <Field label="Why" error={errors.reason} required>
        {(c) => <Textarea {...c} rows={1} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      {lines.map((line) => (
        <div key={line.invoice_line} className="grid gap-3 sm:grid-cols-2">
          <p className="text-sm sm:pt-7">
            Line {line.line_no}: {line.description}, {formatQuantity(line.kept_quantity, line.unit)} at {line.current_unit_price} {currency} per {line.unit}
            {line.current_unit_price !== line.invoiced_unit_price ? ` (invoiced at ${line.invoiced_unit_price})` : ''}
          </p>
          <Field label={`Right price per ${line.unit}, line ${line.line_no}`} error={errors[String(line.invoice_line)]}>
            {(c) => <Input {...c} inputMode="decimal" value={prices[line.invoice_line] ?? ''} onChange={(event) => setPrices({ ...prices, [line.invoice_line]: event.target.value })} />}
          </Field>
        </div>
      ))}
      <Button onClick={() => void submit()} busy={busy}>
        Issue correction
      </Button>
    </div>
  );
}
