import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { formatDateTime } from '@/lib/format';
import { cn } from '@/lib/cn';
import { isDecimal } from '@/lib/decimal';
import { applyApiErrors } from '@/lib/form-errors';

import { useCorrectExtraction } from '../api/correct-extraction';
import { EInvoiceReport } from './einvoice-report';
import type { DocumentDetail } from '../api/get-document';
import { FIELD_LABELS, FIELD_NAMES, fieldConfidence, fieldsShown, type Extraction, type ExtractedFieldName } from '../lib/extraction';

const DATE_FIELDS = new Set<ExtractedFieldName>(['invoice_date', 'due_date']);
const AMOUNT_FIELDS = new Set<ExtractedFieldName>(['subtotal', 'tax', 'total']);

const reviewSchema = z.object(
  Object.fromEntries(
    FIELD_NAMES.map((name) => {
      let field = z.string().trim();
      if (DATE_FIELDS.has(name)) field = field.refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Use a date like 2026-03-31.') as unknown as z.ZodString;
      if (AMOUNT_FIELDS.has(name)) field = field.refine((v) => v === '' || isDecimal(v, 2), 'Enter an amount with up to 2 decimals.') as unknown as z.ZodString;
      if (name === 'currency') field = field.refine((v) => v === '' || /^[A-Z]{3}$/.test(v), 'Use a three-letter code, e.g. USD.') as unknown as z.ZodString;
      return [name, field];
    }),
  ) as Record<ExtractedFieldName, z.ZodString>,
);

type ReviewInput = Record<ExtractedFieldName, string>;

function valuesOf(extraction: Extraction): ReviewInput {
  return Object.fromEntries(FIELD_NAMES.map((name) => [name, extraction.fields[name]?.value ?? ''])) as ReviewInput;
}

interface ExtractionReviewProps {
  document: DocumentDetail;
  extraction: Extraction;
}

/**
 * The extracted fields, editable. Fields the reader was unsure of are highlighted with their
 * confidence; missing ones are marked. Only changed fields are sent as corrections.
 */
export function ExtractionReview({ document, extraction }: ExtractionReviewProps) {
  const correct = useCorrectExtraction(document.id);
  const initial = valuesOf(extraction);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ReviewInput>({ resolver: zodResolver(reviewSchema), values: initial });

  const submit = handleSubmit(async (values) => {
    const changed = Object.fromEntries(
      FIELD_NAMES.filter((name) => values[name] !== initial[name]).map((name) => [name, values[name] === '' ? null : values[name]]),
    );
    if (Object.keys(changed).length === 0) {
      toast.info('Nothing changed.');
      return;
    }
    try {
      await correct.mutateAsync(changed);
      toast.success(`Saved ${Object.keys(changed).length} correction(s).`);
      reset(values);
    } catch (error) {
      applyApiErrors(
        error,
        setError,
        FIELD_NAMES,
        Object.fromEntries(FIELD_NAMES.map((name) => [`fields.${name}`, name])) as Record<string, string>,
      );
    }
  });

  const shown = fieldsShown(extraction);
  const lowCount = shown.filter((name) => fieldConfidence(extraction, name) === 'low').length;
  const missingRequired = new Set(extraction.missing_fields);
  // Values read by what earlier corrections and approvals of this supplier's invoices taught.
  const learned = new Set(shown.filter((name) => extraction.fields[name]?.source === 'hint'));
  return (
    <form onSubmit={submit} noValidate aria-label="Extracted fields" className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      {document.source ? (
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="email-source">
          Received by e-mail from {document.source.from_name ? `${document.source.from_name} ` : ''}&lt;{document.source.from_address}&gt;
          {document.source.date ? ` on ${formatDateTime(document.source.date)}` : ''}
          {document.source.subject ? `: “${document.source.subject}”` : ''}.
        </p>
      ) : null}
      <EInvoiceReport extraction={extraction} />
      {missingRequired.size > 0 ? (
        <p className="text-sm text-red-800 dark:text-red-300">
          Not found on the document: {[...missingRequired].map((name) => FIELD_LABELS[name as ExtractedFieldName] ?? name).join(', ')}.
        </p>
      ) : null}
      {lowCount > 0 ? (
        <p className="text-sm text-amber-900 dark:text-amber-200">
          {lowCount === 1 ? 'One field was' : `${lowCount} fields were`} hard to read: check the highlighted values against the document.
        </p>
      ) : null}
      {learned.size > 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="learned-note">
          Marked “Learned”: read where this supplier&apos;s corrected or approved invoices taught the reader to look (see Reading hints on the
          supplier&apos;s page).
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {shown.map((name) => {
          const confidence = fieldConfidence(extraction, name);
          const score = extraction.fields[name]?.confidence ?? 0;
          const id = `extracted-${name}`;
          const error = errors[name]?.message;
          return (
            <div
              key={name}
              data-confidence={confidence}
              className={cn(
                'space-y-1.5 rounded-md p-2',
                confidence === 'low' && 'bg-amber-50 ring-2 ring-amber-400 dark:bg-amber-950/60 dark:ring-amber-600',
                confidence === 'missing' && missingRequired.has(name) && 'bg-red-50 ring-2 ring-red-300 dark:bg-red-950/50 dark:ring-red-700',
              )}
            >
              <div className="flex items-center justify-between gap-2">
                <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
                  {FIELD_LABELS[name]}
                </label>
                <span className="flex items-center gap-1">
                  {learned.has(name) ? (
                    <span title="Read where this supplier's corrected or approved invoices taught the reader to look">
                      <Badge tone="info">Learned</Badge>
                    </span>
                  ) : null}
                  {confidence === 'low' ? <Badge tone="warning">Check · {Math.round(score * 100)}% sure</Badge> : null}
                  {confidence === 'missing' ? <Badge>Not found</Badge> : null}
                </span>
              </div>
              <Input
                id={id}
                aria-invalid={Boolean(error)}
                aria-describedby={error ? `${id}-error` : undefined}
                placeholder={DATE_FIELDS.has(name) ? 'YYYY-MM-DD' : ''}
                inputMode={AMOUNT_FIELDS.has(name) ? 'decimal' : undefined}
                {...register(name)}
              />
              {error ? (
                <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      {extraction.checks && Object.keys(extraction.checks).length > 0 ? (
        <ul className="space-y-1 text-sm" aria-label="Consistency checks">
          {Object.entries(extraction.checks).map(([check, ok]) => (
            <li key={check} className={ok === false ? 'text-red-700 dark:text-red-400' : 'text-slate-700 dark:text-slate-300'}>
              {ok === false ? '✗' : ok ? '✓' : '–'} {check.replace(/_/g, ' ')}
            </li>
          ))}
        </ul>
      ) : null}
      <Button type="submit" variant="secondary" busy={isSubmitting} disabled={!isDirty}>
        Save corrections
      </Button>
    </form>
  );
}
