import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Textarea } from '@/components/ui/textarea';
import { isApiError } from '@/lib/api-error';
import { isDecimal } from '@/lib/decimal';
import { formatQuantity } from '@/lib/format';

import type { AuthoriseReturnInput } from '../api/authorise-customer-return';
import { RETURN_REASONS, type CustomerReturnReason } from '../api/get-customer-returns';

/** One invoiced line of one shipped lot: what can come back. */
export interface ReturnableRow {
  key: string;
  invoice_line: number;
  line_no: number;
  description: string;
  unit: string;
  lot: number | null;
  lot_code: string;
  shipped: string;
}

export interface InvoiceLineRef {
  id: number;
  order_line: number;
}

export interface ShippedPiece {
  order_line: number;
  line_no: number;
  description: string;
  unit: string;
  lot?: number | null;
  lot_code?: string;
  quantity: string;
}

/** The rows a return can be authorised on: each invoiced order line, once per lot shipped. */
export function returnableRows(invoiceLines: readonly InvoiceLineRef[], pieces: readonly ShippedPiece[]): ReturnableRow[] {
  const byOrderLine = new Map(invoiceLines.map((line) => [line.order_line, line.id]));
  const rows = new Map<string, ReturnableRow>();
  for (const piece of pieces) {
    const invoiceLine = byOrderLine.get(piece.order_line);
    if (invoiceLine === undefined) continue;
    const key = `${invoiceLine}:${piece.lot ?? ''}`;
    const row = rows.get(key);
    if (row) {
      row.shipped = (Number(row.shipped) + Number(piece.quantity)).toFixed(3);
    } else {
      rows.set(key, {
        key,
        invoice_line: invoiceLine,
        line_no: piece.line_no,
        description: piece.description,
        unit: piece.unit,
        lot: piece.lot ?? null,
        lot_code: piece.lot_code ?? '',
        shipped: Number(piece.quantity).toFixed(3),
      });
    }
  }
  return [...rows.values()].sort((a, b) => a.line_no - b.line_no || a.lot_code.localeCompare(b.lot_code));
}

type Submit = (input: Omit<AuthoriseReturnInput, 'invoice' | 'order'>) => Promise<unknown>;

/** Authorise a customer return: cases per line and lot, a reason. Refusals (more than shipped,
 * a lot not shipped) land next to the row they concern. */
export function ReturnAuthoriseForm({ rows, onSubmit }: { rows: readonly ReturnableRow[]; onSubmit: Submit }) {
  const [reason, setReason] = useState<CustomerReturnReason>('damaged');
  const [text, setText] = useState('');
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const chosen = rows.filter((row) => (quantities[row.key] ?? '').trim() !== '');
    const local: Record<string, string> = {};
    for (const row of chosen) {
      const value = (quantities[row.key] ?? '').trim();
      if (!isDecimal(value, 3) || Number(value) <= 0) local[row.key] = 'Enter a quantity above zero with up to 3 decimals.';
    }
    if (chosen.length === 0) local.root = 'Enter the quantity coming back on at least one line.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await onSubmit({
        reason,
        reason_text: text,
        lines: chosen.map((row) => ({ invoice_line: row.invoice_line, quantity: (quantities[row.key] ?? '').trim(), lot: row.lot })),
      });
    } catch (error) {
      const next: Record<string, string> = { root: isApiError(error) ? error.detail : 'The return could not be authorised.' };
      if (isApiError(error)) {
        for (const [path, messages] of Object.entries(error.fieldErrors)) {
          const match = /^lines\.(\d+)\./.exec(path);
          const row = match ? chosen[Number(match[1])] : undefined;
          if (row && messages[0]) next[row.key] = messages[0];
        }
      }
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-4" aria-label="Return authorisation">
      <FormError message={errors.root} />
      <div className="grid gap-3 sm:grid-cols-2">
        <LabelledSelect label="Reason" value={reason} onChange={(value) => setReason(value as CustomerReturnReason)}>
          {Object.entries(RETURN_REASONS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </LabelledSelect>
        <Field label="Details">{(c) => <Textarea {...c} rows={1} value={text} onChange={(event) => setText(event.target.value)} />}</Field>
      </div>
      {rows.length === 0 ? <p className="text-sm">Nothing shipped on this invoice can come back.</p> : null}
      {rows.map((row) => {
        const name = `${row.description}${row.lot_code ? `, lot ${row.lot_code}` : ''}`;
        return (
          <div key={row.key} className="grid gap-3 sm:grid-cols-2">
            <p className="text-sm sm:pt-7">
              Line {row.line_no}: {name} ({formatQuantity(row.shipped, row.unit)} shipped)
            </p>
            <Field label={`Return quantity (${row.unit}), ${name}`} error={errors[row.key]}>
              {(c) => <Input {...c} inputMode="decimal" value={quantities[row.key] ?? ''} onChange={(event) => setQuantities({ ...quantities, [row.key]: event.target.value })} />}
            </Field>
          </div>
        );
      })}
      <Button onClick={() => void submit()} busy={busy} disabled={rows.length === 0}>
        Authorise return
      </Button>
    </div>
  );
}
