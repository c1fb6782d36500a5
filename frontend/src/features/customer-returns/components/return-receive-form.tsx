import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { isApiError } from '@/lib/api-error';
import { isDecimal } from '@/lib/decimal';

import type { ReceiveLineInput, ReceiveReturnInput } from '../api/customer-return-actions';
import type { CustomerReturnLine } from '../api/get-customer-returns';

type Disposition = NonNullable<ReceiveLineInput['disposition']>;

/** What came back, line by line: cases, the actual weight of catch-weight cases, and whether
 * they go back into stock (by lot) or are written off. */
export function ReturnReceiveForm({ lines, onSubmit }: { lines: readonly CustomerReturnLine[]; onSubmit: (input: ReceiveReturnInput) => Promise<unknown> }) {
  const [quantities, setQuantities] = useState<Record<number, string>>(() => Object.fromEntries(lines.map((l) => [l.id, Number(l.quantity).toString()])));
  const [weights, setWeights] = useState<Record<number, string>>(() => Object.fromEntries(lines.map((l) => [l.id, l.weight ? Number(l.weight).toString() : ''])));
  const [dispositions, setDispositions] = useState<Record<number, Disposition>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const local: Record<string, string> = {};
    const chosen = lines.filter((line) => Number((quantities[line.id] ?? '').trim() || 0) > 0);
    for (const line of lines) {
      const quantity = (quantities[line.id] ?? '').trim();
      if (quantity && !isDecimal(quantity, 3)) local[`q${line.id}`] = 'Enter a quantity with up to 3 decimals.';
    }
    for (const line of chosen) {
      const weight = (weights[line.id] ?? '').trim();
      if (line.catch_weight && !weight) local[`w${line.id}`] = `Enter the actual net weight (${line.weight_unit}).`;
      else if (weight && !isDecimal(weight, 3)) local[`w${line.id}`] = 'Enter a weight with up to 3 decimals.';
    }
    if (chosen.length === 0 && Object.keys(local).length === 0) local.root = 'Enter what came back on at least one line.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await onSubmit({
        lines: chosen.map((line) => ({
          line: line.id,
          quantity: (quantities[line.id] ?? '').trim(),
          disposition: dispositions[line.id] ?? 'restock',
          ...(line.catch_weight ? { weight: (weights[line.id] ?? '').trim() } : {}),
        })),
      });
    } catch (error) {
      const next: Record<string, string> = { root: isApiError(error) ? error.detail : 'The return could not be received.' };
      if (isApiError(error)) {
        for (const [path, messages] of Object.entries(error.fieldErrors)) {
          const match = /^lines\.(\d+)\.(\w+)$/.exec(path);
          const line = match ? chosen[Number(match[1])] : undefined;
          if (line && messages[0]) next[`${match?.[2] === 'weight' ? 'w' : 'q'}${line.id}`] = messages[0];
          if (path === 'weight' && chosen.length === 1 && chosen[0] && messages[0]) next[`w${chosen[0].id}`] = messages[0];
        }
      }
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-4" aria-label="Receive return">
      <FormError message={errors.root} />
      {lines.map((line) => {
        const name = `${line.product_sku}${line.lot_code ? `, lot ${line.lot_code}` : ''}`;
        return (
          <fieldset key={line.id} className="grid gap-3 sm:grid-cols-3">
            <legend className="mb-1 text-sm font-medium">
              {name}: {Number(line.quantity)} {line.unit} authorised
            </legend>
            <Field label={`Received (${line.unit}), ${name}`} error={errors[`q${line.id}`]}>
              {(c) => <Input {...c} inputMode="decimal" value={quantities[line.id] ?? ''} onChange={(event) => setQuantities({ ...quantities, [line.id]: event.target.value })} />}
            </Field>
            {line.catch_weight ? (
              <Field label={`Net weight (${line.weight_unit}), ${name}`} error={errors[`w${line.id}`]}>
                {(c) => <Input {...c} inputMode="decimal" value={weights[line.id] ?? ''} onChange={(event) => setWeights({ ...weights, [line.id]: event.target.value })} />}
              </Field>
            ) : (
              <span />
            )}
            <LabelledSelect label={`Goes to, ${name}`} value={dispositions[line.id] ?? 'restock'} onChange={(value) => setDispositions({ ...dispositions, [line.id]: value as Disposition })}>
              <option value="restock">Back into stock</option>
              <option value="write_off">Write off</option>
            </LabelledSelect>
          </fieldset>
        );
      })}
      <Button onClick={() => void submit()} busy={busy}>
        Receive return
      </Button>
    </div>
  );
}
