import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { orderHeaderShape } from '@/components/records/order-header';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString } from '@/lib/decimal';
import { downloadPdf } from '@/lib/download-pdf';

export type SalesQuote = components['schemas']['SalesQuote'];
export type SalesQuoteRow = components['schemas']['SalesQuoteList'];
export type SalesQuoteStatus = components['schemas']['SalesQuoteStatusEnum'];

export const QUOTE_STATUS: Record<SalesQuoteStatus, { label: string; tone: 'neutral' | 'info' | 'success' | 'danger' | 'warning' }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  sent: { label: 'Sent', tone: 'info' },
  accepted: { label: 'Accepted', tone: 'success' },
  declined: { label: 'Declined', tone: 'danger' },
  expired: { label: 'Expired', tone: 'warning' },
};

export interface QuoteListQuery {
  page: number;
  search?: string;
  status?: SalesQuoteStatus;
}

export function useSalesQuotes(query: QuoteListQuery) {
  return useQuery({
    queryKey: ['sales-quotes', 'list', query],
    queryFn: async () =>
      dataOf(await apiClient.GET('/api/v1/sales-quotes/', { params: { query: { page: query.page, page_size: 20, ordering: '-created_at', search: query.search || undefined, status: query.status } } })),
    placeholderData: keepPreviousData,
  });
}

export function useSalesQuote(id: number) {
  return useQuery({
    queryKey: ['sales-quotes', 'detail', id],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/sales-quotes/{id}/', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Customers, ship-from locations and products to quote (loaded once, kept a while). */
export function useQuoteOptions() {
  const customers = useQuery({
    queryKey: ['sales-quotes', 'customers'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/customers/', { params: { query: { status: 'active', ordering: 'name', page_size: 200 } } })).results,
    staleTime: 5 * 60_000,
  });
  const locations = useQuery({
    queryKey: ['sales-quotes', 'locations'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/locations/', { params: { query: { page_size: 200 } } })).results,
    staleTime: 5 * 60_000,
  });
  const products = useQuery({
    queryKey: ['sales-quotes', 'products'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/products/', { params: { query: { page_size: 200, ordering: 'sku', active: true } } })).results,
    staleTime: 5 * 60_000,
  });
  return { customers, locations, products };
}

export const quoteSchema = z.object({
  customer: z.string().min(1, 'Choose the customer.'),
  location: z.string().min(1, 'Choose where the order would ship from.'),
  valid_until: z.string(),
  ...orderHeaderShape,
  lines: z
    .array(
      z.object({
        product: z.string().min(1, 'Choose a product.'),
        quantity: decimalString({ places: 3, label: 'a quantity' }),
      }),
    )
    .min(1, 'Add at least one line.'),
});

export type QuoteInput = z.infer<typeof quoteSchema>;
export const QUOTE_FIELDS = Object.keys(quoteSchema.shape);

export function useCreateQuote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: QuoteInput) =>
      dataOf(
        await apiClient.POST('/api/v1/sales-quotes/', {
          body: {
            customer: Number(input.customer),
            location: Number(input.location),
            valid_until: input.valid_until || null,
            customer_reference: input.customer_reference,
            notes: input.notes,
            lines: input.lines.map((line) => ({ product: line.product, quantity: line.quantity, discount_percent: '0', description: '' })),
          },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['sales-quotes'] }),
  });
}

function useQuoteChange<T>(change: (id: number, input: T) => Promise<SalesQuote>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: T }) => change(id, input),
    onSuccess: (quote) => {
      queryClient.setQueryData(['sales-quotes', 'detail', quote.id], quote);
      void queryClient.invalidateQueries({ queryKey: ['sales-quotes', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['sales-orders'] });
    },
  });
}

export const useSendQuote = () =>
  useQuoteChange<undefined>(async (id) => dataOf(await apiClient.POST('/api/v1/sales-quotes/{id}/send/', { params: { path: { id } } })));

export const useAcceptQuote = () =>
  useQuoteChange<{ customer_reference: string }>(async (id, body) => dataOf(await apiClient.POST('/api/v1/sales-quotes/{id}/accept/', { params: { path: { id } }, body })));

export const useDeclineQuote = () =>
  useQuoteChange<{ reason: string }>(async (id, body) => dataOf(await apiClient.POST('/api/v1/sales-quotes/{id}/decline/', { params: { path: { id } }, body })));

/** The quote's PDF, saved by the browser under the quote's number. */
export async function downloadQuotePdf(id: number, number: string): Promise<void> {
  return downloadPdf(`/sales-quotes/${id}/pdf/`, number);
}
