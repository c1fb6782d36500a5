import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type SupplierInvoice = components['schemas']['SupplierInvoice'];
export type SupplierInvoiceStatus = components['schemas']['SupplierInvoiceStatusEnum'];
export type SupplierInvoiceQuery = NonNullable<paths['/api/v1/supplier-invoices/']['get']['parameters']['query']>;

export async function getSupplierInvoices(query: SupplierInvoiceQuery) {
  return dataOf(await apiClient.GET('/api/v1/supplier-invoices/', { params: { query: compactQuery(query) } }));
}

export const supplierInvoicesQueryOptions = (query: SupplierInvoiceQuery) =>
  queryOptions({ queryKey: ['supplier-invoices', 'list', compactQuery(query)], queryFn: () => getSupplierInvoices(query), placeholderData: keepPreviousData });

export function useSupplierInvoices(query: SupplierInvoiceQuery) {
  return useQuery(supplierInvoicesQueryOptions(query));
}
