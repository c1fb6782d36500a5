import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString } from '@/lib/decimal';

import type { SupplierInvoice } from './get-supplier-invoices';

type InvoiceWrite = components['schemas']['SupplierInvoiceWriteRequest'];

const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31.');

export const invoiceLineSchema = z.object({
  order_line: z.string(),
  description: z.string().trim().max(300),
  quantity: decimalString({ places: 3, nonZero: true, label: 'a quantity' }),
  unit_price: decimalString({ places: 4, label: 'a price' }),
});

export const supplierInvoiceInputSchema = z.object({
  supplier: z.string().min(1, 'Choose the supplier.'),
  invoice_number: z.string().trim().min(1, "Enter the supplier's invoice number.").max(60),
  purchase_order: z.string(),
  invoice_date: date,
  due_date: z.union([z.literal(''), date]),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter code, e.g. USD.'),
  subtotal: decimalString({ places: 2, label: 'an amount' }),
  tax: decimalString({ places: 2, label: 'an amount' }),
  total: decimalString({ places: 2, label: 'an amount' }),
  lines: z.array(invoiceLineSchema).min(1, 'An invoice needs at least one line.'),
});

export type SupplierInvoiceInput = z.infer<typeof supplierInvoiceInputSchema>;
export type InvoiceLineInput = SupplierInvoiceInput['lines'][number];
export const INVOICE_FIELDS = Object.keys(supplierInvoiceInputSchema.shape);

export function inputToWrite(input: SupplierInvoiceInput): InvoiceWrite {
  return {
    supplier: Number(input.supplier),
    invoice_number: input.invoice_number,
    purchase_order: input.purchase_order ? Number(input.purchase_order) : null,
    invoice_date: input.invoice_date,
    due_date: input.due_date || null,
    currency: input.currency as InvoiceWrite['currency'],
    subtotal: input.subtotal,
    tax: input.tax,
    total: input.total,
    lines: input.lines.map((line) => ({
      order_line: line.order_line ? Number(line.order_line) : null,
      description: line.description,
      quantity: line.quantity,
      unit_price: line.unit_price,
    })),
  };
}

export async function createSupplierInvoice(input: SupplierInvoiceInput): Promise<SupplierInvoice> {
  return dataOf(await apiClient.POST('/api/v1/supplier-invoices/', { body: inputToWrite(input) }));
}

export function useCreateSupplierInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSupplierInvoice,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['supplier-invoices', 'list'] }),
  });
}
