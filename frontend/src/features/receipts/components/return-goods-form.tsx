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
 * here), for a catch-weight line the actual net weight of the returned cases, and why. Stock
 * goes out of the line's lot at the ship-to location; the order expects the goods again and a
 * debit note for them is raised.
 */
export function ReturnGoodsForm({ receipt, order, onDone, onCancel }: { receipt: GoodsReceipt; order: number; onDone: (receipt: GoodsReceipt) => void; onCancel: () => void }) {
  const send = useReturnGoods(receipt.id, order);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [weights, setWeights] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formMessage, setFormMessage] = useState<string | undefined>();
  const lines = receipt.lines.filter((line) => Number(line.quantity_received) - Number(line.quantity_returned) > 0);

  const submit = async () => {
    const chosen = lines
      .map((line) => ({ line, quantity: (quantities[line.id] ?? '').trim(), weight: (weights[line.id] ?? '').trim() }))
      .filter((entry) => entry.quantity !== '' && Number(entry.quantity) !== 0);
    const local: Record<string, string> = {};
    if (!reason.trim()) local.reason = 'Say why the goods go back (the supplier sees it).';
    if (chosen.length === 0) local.lines = 'Enter the quantity to return on at least one line.';
    setErrors(local);
    setFormMessage(undefined);
    if (Object.keys(local).length > 0) return;
    try {
      const saved = await send.mutateAsync({
        reason: reason.trim(),
        lines: chosen.map(({ line, quantity, weight }) => ({ receipt_line: line.id, quantity, ...(weight ? { weight } : {}) })),
      });
      onDone(saved);
    } catch (error) {
      const placed = placeApiErrors(error, ['reason', 'lines']);
      const next: Record<string, string> = {};
      for (const [path, message] of placed.fieldErrors) {
        const match = /^lines\.(\d+)\.(\w+)/.exec(path);
        const entry = match ? chosen[Number(match[1])] : undefined;
        next[entry ? `${match?.[2] === 'weight' ? 'weight' : 'line'}-${entry.line.id}` : path] = message;
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
        const lot = line.lot_code ? `, lot ${line.lot_code}` : '';
        return (
          <div key={line.id} className={line.net_weight ? 'grid gap-3 sm:grid-cols-2' : undefined}>
            <Field
              label={`Return of line ${line.line_no}${lot}`}
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
            {line.net_weight ? (
              <Field
                label={`Net weight returned, line ${line.line_no}${lot}`}
                hint={`Actual weight of the returned cases; empty takes their share of ${formatQuantity(line.net_weight)} received.`}
                error={errors[`weight-${line.id}`]}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="decimal"
                    value={weights[line.id] ?? ''}
                    onChange={(event) => setWeights((current) => ({ ...current, [line.id]: event.target.value }))}
                  />
                )}
              </Field>
            ) : null}
          </div>
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
