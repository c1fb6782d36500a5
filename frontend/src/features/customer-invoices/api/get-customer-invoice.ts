import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { components } from '@/api/schema';

/** An invoice on its page, with the reader's actions, its linked documents and its workflow. */
export type CustomerInvoiceDetail = components['schemas']['CustomerInvoiceDetail'];

export async function getCustomerInvoice(id: number): Promise<CustomerInvoiceDetail> {
  return dataOf(await apiClient.GET('/api/v1/customer-invoices/{id}/', { params: { path: { id } } }));
}

export const customerInvoiceQueryOptions = (id: number) => queryOptions({ queryKey: ['customer-invoices', 'detail', id], queryFn: () => getCustomerInvoice(id) });

export function useCustomerInvoice(id: number) {
  return useQuery({ ...customerInvoiceQueryOptions(id), enabled: Number.isInteger(id) && id > 0 });
}
