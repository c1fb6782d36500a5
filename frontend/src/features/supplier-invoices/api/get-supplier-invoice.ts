import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

/** An invoice on its own page: with its per-line match, the reader's actions and its workflow. */
export type SupplierInvoiceDetail = components['schemas']['SupplierInvoiceDetail'];

export async function getSupplierInvoice(id: number): Promise<SupplierInvoiceDetail> {
  return dataOf(await apiClient.GET('/api/v1/supplier-invoices/{id}/', { params: { path: { id } } }));
}

export const supplierInvoiceQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['supplier-invoices', 'detail', id], queryFn: () => getSupplierInvoice(id) });

export function useSupplierInvoice(id: number) {
  return useQuery({ ...supplierInvoiceQueryOptions(id), enabled: Number.isInteger(id) && id > 0 });
}
