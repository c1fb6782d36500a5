import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { placeApiErrors } from '@/lib/form-errors';
import { formatQuantity } from '@/lib/format';

import type { GoodsReceipt } from '../api/post-goods-receipt';
import { useReturnGoods } from '../api/return-goods';

/**
 * Send goods of one receipt back to the supplier: how much of each line (up to what is still
 * here) and why. Stock goes out of the ship-to location; the order expects them again.
 */
export function ReturnGoodsForm({ receipt, order, onDone, onCancel }: { receipt: GoodsReceipt; order: number; onDone: (receipt: GoodsReceipt) => void; onCancel: () => void }) {
  const send = useReturnGoods(receipt.id, order);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formMessage, setFormMessage] = useState<string | undefined>();
  const lines = receipt.lines.filter((line) => Number(line.quantity_received) - Number(line.quantity_returned) > 0);

  const submit = async () => {
    const chosen = lines.map((line) => ({ line, quantity: (quantities[line.id] ?? '').trim() })).filter((entry) => entry.quantity !== '' && Number(entry.quantity) !== 0);
    const local: Record<string, string> = {};
    if (!reason.trim()) local.reason = 'Say why the goods go back (the supplier sees it).';
    if (chosen.length === 0) local.lines = 'Enter the quantity to return on at least one line.';
    setErrors(local);
    setFormMessage(undefined);
    if (Object.keys(local).length > 0) return;
    try {
      const saved = await send.mutateAsync({ reason: reason.trim(), lines: chosen.map(({ line, quantity }) => ({ receipt_line: line.id, quantity })) });
      onDone(saved);
    } catch (error) {
      const placed = placeApiErrors(error, ['reason', 'lines']);
      const next: Record<string, string> = {};
      for (const [path, message] of placed.fieldErrors) {
        const match = /^lines\.(\d+)\./.exec(path);
        const entry = match ? chosen[Number(match[1])] : undefined;
        next[entry ? `line-${entry.line.id}` : path] = message;
      }
      setErrors(next);
      setFormMessage(placed.formMessage ?? undefined);
    }
  };

  return (
    <form
      aria-label={`Return goods of ${receipt.number}`}
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormError message={formMessage ?? errors.lines} />
      {lines.length === 0 ? <p className="text-sm">Everything on this receipt has been returned already.</p> : null}
      {lines.map((line) => {
        const left = String(Number(line.quantity_received) - Number(line.quantity_returned));
        return (
          <Field
            key={line.id}
            label={`Return of line ${line.line_no}${line.lot_code ? `, lot ${line.lot_code}` : ''}`}
            hint={`Up to ${formatQuantity(left)} (received ${formatQuantity(line.quantity_received)}${Number(line.quantity_returned) > 0 ? `, returned ${formatQuantity(line.quantity_returned)}` : ''})`}
            error={errors[`line-${line.id}`]}
          >
            {(control) => (
              <Input
                {...control}
                inputMode="decimal"
                value={quantities[line.id] ?? ''}
                onChange={(event) => setQuantities((current) => ({ ...current, [line.id]: event.target.value }))}
              />
            )}
          </Field>
        );
      })}
      <Field label="Reason" required error={errors.reason}>
        {(control) => <Textarea {...control} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Back
        </Button>
        <Button type="submit" busy={send.isPending} disabled={lines.length === 0}>
          Return to supplier
        </Button>
      </div>
    </form>
  );
}
