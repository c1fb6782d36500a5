import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type CustomerInvoice = components['schemas']['CustomerInvoice'];
export type CustomerInvoiceStatus = components['schemas']['CustomerInvoiceStatusEnum'];
export type CustomerInvoiceQuery = NonNullable<paths['/api/v1/customer-invoices/']['get']['parameters']['query']>;

export async function getCustomerInvoices(query: CustomerInvoiceQuery) {
  return dataOf(await apiClient.GET('/api/v1/customer-invoices/', { params: { query: compactQuery(query) } }));
}

export const customerInvoicesQueryOptions = (query: CustomerInvoiceQuery) =>
  queryOptions({ queryKey: ['customer-invoices', 'list', compactQuery(query)], queryFn: () => getCustomerInvoices(query), placeholderData: keepPreviousData });

export function useCustomerInvoices(query: CustomerInvoiceQuery) {
  return useQuery(customerInvoicesQueryOptions(query));
}
