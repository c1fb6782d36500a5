import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { SupplierInvoice } from './get-supplier-invoices';

export async function getSupplierInvoice(id: number): Promise<SupplierInvoice> {
  return dataOf(await apiClient.GET('/api/v1/supplier-invoices/{id}/', { params: { path: { id } } }));
}

export const supplierInvoiceQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['supplier-invoices', 'detail', id], queryFn: () => getSupplierInvoice(id) });

export function useSupplierInvoice(id: number) {
  return useQuery({ ...supplierInvoiceQueryOptions(id), enabled: Number.isInteger(id) && id > 0 });
}
