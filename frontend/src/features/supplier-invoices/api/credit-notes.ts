import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString } from '@/lib/decimal';

import type { SupplierInvoiceDetail } from './get-supplier-invoice';
import type { SupplierInvoice } from './get-supplier-invoices';

/** Money as whole cents, to compare amounts without floating-point error. */
export function cents(amount: string): number {
  const [whole = '0', fraction = ''] = amount.trim().replace(/^-/, '').split('.');
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return amount.trim().startsWith('-') ? -value : value;
}

/** Amount applied: at most the credit left and the chosen invoice's balance (the server
 * checks again under lock). */
export function creditApplySchema(creditLeft: string, balances: Map<number, string>) {
  return z
    .object({
      invoice: z.string().min(1, 'Choose the invoice to apply the credit to.'),
      amount: decimalString({ places: 2, nonZero: true, label: 'an amount' }),
    })
    .superRefine((values, ctx) => {
      const balance = balances.get(Number(values.invoice));
      if (!/^\d+(\.\d{1,2})?$/.test(values.amount)) return;
      if (cents(values.amount) > cents(creditLeft)) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: `At most the ${creditLeft} of credit left.` });
      } else if (balance !== undefined && cents(values.amount) > cents(balance)) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: `At most the invoice's balance of ${balance}.` });
      }
    });
}

export type CreditApplyInput = z.infer<ReturnType<typeof creditApplySchema>>;
export const CREDIT_APPLY_FIELDS = ['invoice', 'amount'];

type InvoiceStatus = NonNullable<NonNullable<paths['/api/v1/supplier-invoices/']['get']['parameters']['query']>['status']>;

/** The supplier's invoices (not credit notes) in these statuses, in due-date order. */
async function supplierInvoicesIn(supplier: number | null | undefined, statuses: readonly InvoiceStatus[], currency?: string) {
  const pages = await Promise.all(
    statuses.map(async (status) =>
      dataOf(
        await apiClient.GET('/api/v1/supplier-invoices/', {
          params: { query: { supplier: supplier ?? undefined, currency, status, kind: 'invoice', page_size: 200, ordering: 'due_date' } },
        }),
      ).results,
    ),
  );
  return pages.flat();
}

/** The supplier's invoices a credit note can go to: approved for payment, balance open, same
 * currency. */
export function useOpenSupplierInvoices(supplier: number | null | undefined, currency: string) {
  return useQuery({
    queryKey: ['supplier-invoices', 'open', supplier, currency],
    queryFn: async () => (await supplierInvoicesIn(supplier, ['approved', 'partially_paid'], currency)).filter((invoice: SupplierInvoice) => cents(invoice.balance) > 0),
    enabled: supplier != null,
  });
}

/** Open: not paid, not void (the server links a credit note read from a document to one of
 * these when it names its number). */
export const OPEN_INVOICE_STATUSES = ['draft', 'matched', 'exception', 'approved', 'partially_paid'] as const;

/** The supplier's open invoices, any currency: the ones a credit note may credit. */
export function useCreditableInvoices(supplier: number | null | undefined) {
  return useQuery({
    queryKey: ['supplier-invoices', 'creditable', supplier],
    queryFn: () => supplierInvoicesIn(supplier, OPEN_INVOICE_STATUSES),
    enabled: supplier != null,
  });
}

function useRefreshInvoices(id: number) {
  const queryClient = useQueryClient();
  return (invoice: SupplierInvoiceDetail) => {
    queryClient.setQueryData(['supplier-invoices', 'detail', id], invoice);
    return queryClient.invalidateQueries({ queryKey: ['supplier-invoices'] });
  };
}

export const creditNotePostSchema = z.object({ credited_invoice: z.string() });
export type CreditNotePostInput = z.infer<typeof creditNotePostSchema>;
export const CREDIT_POST_FIELDS = ['credited_invoice'];

/** Post a draft credit note (no three-way match) crediting the chosen invoice, or none (null
 * clears a link read from the document); it goes to that invoice at once when it is approved
 * and open. */
export function usePostCreditNote(id: number) {
  const refresh = useRefreshInvoices(id);
  return useMutation({
    mutationFn: async (values: CreditNotePostInput) =>
      dataOf(
        await apiClient.POST('/api/v1/supplier-invoices/{id}/post-credit-note/', {
          params: { path: { id } },
          body: { credited_invoice: values.credited_invoice ? Number(values.credited_invoice) : null },
        }),
      ),
    onSuccess: refresh,
  });
}

/** Apply (part of) the credit left to one of the supplier's open invoices. */
export function useApplyCreditNote(id: number) {
  const refresh = useRefreshInvoices(id);
  return useMutation({
    mutationFn: async (values: CreditApplyInput) =>
      dataOf(
        await apiClient.POST('/api/v1/supplier-invoices/{id}/apply-credit-note/', {
          params: { path: { id } },
          body: { invoice: Number(values.invoice), amount: values.amount },
        }),
      ),
    onSuccess: refresh,
  });
}
