import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { CustomerInvoice } from './get-customer-invoices';

export async function getCustomerInvoice(id: number): Promise<CustomerInvoice> {
  return dataOf(await apiClient.GET('/api/v1/customer-invoices/{id}/', { params: { path: { id } } }));
}

export const customerInvoiceQueryOptions = (id: number) => queryOptions({ queryKey: ['customer-invoices', 'detail', id], queryFn: () => getCustomerInvoice(id) });

export function useCustomerInvoice(id: number) {
  return useQuery({ ...customerInvoiceQueryOptions(id), enabled: Number.isInteger(id) && id > 0 });
}
