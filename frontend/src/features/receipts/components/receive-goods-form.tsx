import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { isApiError } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';
import { formatQuantity } from '@/lib/format';

import { RECEIPT_FIELDS, goodsReceiptSchema, usePostGoodsReceipt, type GoodsReceipt, type GoodsReceiptInput } from '../api/post-goods-receipt';

export interface ReceivableLine {
  id: number;
  line_no: number;
  description: string;
  unit: string;
  quantity: string;
  quantity_received: string;
}

function outstanding(line: ReceivableLine): string {
  // Shown and offered as the default; decimal strings with 3 places keep this exact enough.
  const rest = (Math.round(Number(line.quantity) * 1000) - Math.round(Number(line.quantity_received) * 1000)) / 1000;
  return rest > 0 ? String(rest) : '0';
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

interface ReceiveGoodsFormProps {
  order: number;
  lines: readonly ReceivableLine[];
  onPosted: (receipt: GoodsReceipt) => void;
  onCancel: () => void;
}

/** What arrived per order line, and what was refused with why. Over-receipt errors from the
 * server land on the line they concern. */
export function ReceiveGoodsForm({ order, lines, onPosted, onCancel }: ReceiveGoodsFormProps) {
  const post = usePostGoodsReceipt(order);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<GoodsReceiptInput>({
    resolver: zodResolver(goodsReceiptSchema),
    defaultValues: {
      received_on: today(),
      notes: '',
      lines: lines.map((line) => ({ order_line: line.id, quantity_received: outstanding(line), quantity_rejected: '', rejection_reason: '' })),
    },
  });
  const watchedLines = useWatch({ control, name: 'lines' });
  const submit = handleSubmit(async (values) => {
    try {
      onPosted(await post.mutateAsync(values));
    } catch (error) {
      // The server indexes lines by the list it received (only non-empty lines are sent).
      const sent = values.lines
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => Number(line.quantity_received || '0') > 0 || Number(line.quantity_rejected || '0') > 0)
        .map(({ index }) => index);
      const overLine = isApiError(error) && error.code === 'over_receipt' ? /^Line (\d+):/.exec(error.detail) : null;
      const overIndex = overLine ? lines.findIndex((line) => line.line_no === Number(overLine[1])) : -1;
      if (isApiError(error) && overIndex >= 0) {
        setError(`lines.${overIndex}.quantity_received`, { type: 'server', message: error.detail }, { shouldFocus: true });
        setError('root.server', { type: 'server', message: `Nothing was posted. ${error.detail}` });
        return;
      }
      applyApiErrors(remapLineErrors(error, sent), setError, RECEIPT_FIELDS);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Receive goods" className="space-y-5">
      <FormError message={errors.root?.server?.message} />
      {typeof errors.lines?.message === 'string' ? <FormError message={errors.lines.message} /> : null}
      {typeof errors.lines?.root?.message === 'string' ? <FormError message={errors.lines.root.message} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Received on" error={errors.received_on?.message} required>
          {(c) => <Input {...c} type="date" {...register('received_on')} />}
        </Field>
      </div>
      {lines.map((line, index) => {
        const rowErrors = errors.lines?.[index];
        const rejected = Number(watchedLines?.[index]?.quantity_rejected || '0') > 0;
        return (
          <fieldset key={line.id} className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <legend className="px-1 text-sm font-medium">
              Line {line.line_no}: {line.description}
            </legend>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Ordered {formatQuantity(line.quantity, line.unit)} · received so far {formatQuantity(line.quantity_received, line.unit)} · outstanding{' '}
              {formatQuantity(outstanding(line), line.unit)}
            </p>
            <div className="grid gap-3 sm:grid-cols-3">
              <Field label={`Received (${line.unit}), line ${line.line_no}`} error={rowErrors?.quantity_received?.message}>
                {(c) => <Input {...c} inputMode="decimal" {...register(`lines.${index}.quantity_received`)} />}
              </Field>
              <Field label={`Rejected (${line.unit}), line ${line.line_no}`} error={rowErrors?.quantity_rejected?.message}>
                {(c) => <Input {...c} inputMode="decimal" {...register(`lines.${index}.quantity_rejected`)} />}
              </Field>
              <Field label={`Rejection reason, line ${line.line_no}`} error={rowErrors?.rejection_reason?.message} required={rejected}>
                {(c) => <Input {...c} placeholder={rejected ? 'e.g. temperature above 4 °C' : ''} {...register(`lines.${index}.rejection_reason`)} />}
              </Field>
            </div>
          </fieldset>
        );
      })}
      <Field label="Notes" error={errors.notes?.message}>
        {(c) => <Textarea {...c} rows={2} {...register('notes')} />}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={isSubmitting}>
          Post receipt
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** "lines.1.quantity_received" of the sent list -> the form's own row index. */
export function remapLineErrors(error: unknown, sentIndexes: readonly number[]): unknown {
  if (!error || typeof error !== 'object' || !('fieldErrors' in error)) return error;
  const apiError = error as { fieldErrors: Record<string, string[]> };
  const fieldErrors: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(apiError.fieldErrors)) {
    const match = /^lines\.(\d+)(\..*)?$/.exec(path);
    const mapped = match ? sentIndexes[Number(match[1])] : undefined;
    fieldErrors[match && mapped !== undefined ? `lines.${mapped}${match[2] ?? ''}` : path] = messages;
  }
  return Object.assign(Object.create(Object.getPrototypeOf(error) as object) as object, error, { fieldErrors });
}
