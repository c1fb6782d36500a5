import { z } from 'zod';

/*
 * The extracted invoice fields as the server stores them on a document: each with its value, a
 * confidence between 0 and 1 and where it was found. Parsed with zod because the schema types
 * the column as free JSON.
 */

/** The server's line (procura/documents/extraction/result.py LOW_CONFIDENCE, calibrated on
 * held-out invoices); used only for extractions stored without their list of low fields. */
export const LOW_CONFIDENCE = 0.6;

const fieldValueSchema = z.object({
  value: z.string().nullable(),
  confidence: z.number(),
  source: z.string().optional(),
});

const lineItemSchema = z.object({
  description: z.string(),
  quantity: z.string().nullable(),
  unit_price: z.string().nullable(),
  amount: z.string().nullable(),
  confidence: z.number().optional(),
});

export const extractionSchema = z.object({
  fields: z.record(z.string(), fieldValueSchema),
  line_items: z.array(lineItemSchema).default([]),
  checks: z.record(z.string(), z.boolean().nullable()).optional(),
  supplier: z
    .object({ supplier_id: z.union([z.number(), z.string()]), name: z.string(), matched_by: z.string(), confidence: z.number() })
    .nullable()
    .optional(),
  low_confidence_fields: z.array(z.string()).default([]),
  missing_fields: z.array(z.string()).default([]),
  notes: z.array(z.string()).default([]),
  source: z.string().optional(),
  parties: z.record(z.string(), z.record(z.string(), z.string().nullable())).default({}),
  einvoice: z
    .object({
      valid: z.boolean(),
      syntax: z.string().nullable(),
      profile: z.string().nullable(),
      findings: z.array(z.object({ where: z.string(), message: z.string(), severity: z.string() })).default([]),
      signature: z
        .object({ signer: z.string().nullable(), intact: z.boolean().nullable(), verified: z.boolean(), problems: z.array(z.string()).default([]) })
        .nullable()
        .optional(),
      batch: z.number().nullable().optional(),
      payment_terms: z.string().nullable().optional(),
      tax_breakdown: z
        .array(
          z.object({
            category: z.string().nullable(),
            rate: z.string().nullable(),
            basis: z.string().nullable(),
            tax: z.string().nullable(),
            exemption_reason: z.string().nullable(),
            exemption_code: z.string().nullable(),
          }),
        )
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
  kind: z.enum(['invoice', 'credit_note']).default('invoice'),
});

export type Extraction = z.infer<typeof extractionSchema>;
export type ExtractedLine = Extraction['line_items'][number];

export const FIELD_LABELS = {
  supplier_name: 'Supplier name',
  supplier_tax_id: 'Supplier tax id',
  supplier_email: 'Supplier e-mail',
  supplier_iban: 'Supplier IBAN',
  invoice_number: 'Invoice number',
  invoice_date: 'Invoice date',
  due_date: 'Due date',
  po_number: 'PO number',
  currency: 'Currency',
  subtotal: 'Subtotal',
  tax: 'Tax',
  total: 'Total',
  credited_invoice_number: 'Credited invoice',
} as const;

export type ExtractedFieldName = keyof typeof FIELD_LABELS;
export const FIELD_NAMES = Object.keys(FIELD_LABELS) as ExtractedFieldName[];

/** The fields a document of this kind shows: only a credit note names the invoice it credits. */
export function fieldsShown(extraction: Extraction): ExtractedFieldName[] {
  return FIELD_NAMES.filter((name) => name !== 'credited_invoice_number' || extraction.kind === 'credit_note');
}

export function parseExtraction(raw: unknown): Extraction | null {
  const result = extractionSchema.safeParse(raw);
  return result.success ? result.data : null;
}

export type Confidence = 'missing' | 'low' | 'ok';

/** How much to trust a field: missing, low (to check) or fine. Corrected fields are fine. */
export function fieldConfidence(extraction: Extraction, name: string): Confidence {
  const field = extraction.fields[name];
  if (!field || field.value === null || field.value === '') return 'missing';
  if (field.source === 'correction') return 'ok';
  if (extraction.low_confidence_fields.includes(name) || field.confidence < LOW_CONFIDENCE) return 'low';
  return 'ok';
}
