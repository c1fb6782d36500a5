import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type SupplierOption = Pick<components['schemas']['Supplier'], 'id' | 'code' | 'name' | 'currency'>;
export type OrderOption = components['schemas']['PurchaseOrder'];

export async function getSupplierOptions(): Promise<SupplierOption[]> {
  return dataOf(await apiClient.GET('/api/v1/suppliers/', { params: { query: { ordering: 'name', page_size: 200 } } })).results;
}

/** A supplier's orders that can be invoiced (issued or receiving), with their lines. */
export async function getInvoiceableOrders(supplier: number): Promise<OrderOption[]> {
  const page = dataOf(await apiClient.GET('/api/v1/purchase-orders/', { params: { query: { supplier, ordering: '-created_at', page_size: 50 } } }));
  return page.results.filter((order) => order.status !== 'draft' && order.status !== 'cancelled');
}

export const supplierOptionsQueryOptions = () =>
  queryOptions({ queryKey: ['supplier-invoices', 'supplier-options'], queryFn: getSupplierOptions, staleTime: 5 * 60_000 });

export const invoiceableOrdersQueryOptions = (supplier: number) =>
  queryOptions({ queryKey: ['supplier-invoices', 'orders-of', supplier], queryFn: () => getInvoiceableOrders(supplier) });

export function useSupplierOptions() {
  return useQuery(supplierOptionsQueryOptions());
}

export function useInvoiceableOrders(supplier: number | null) {
  return useQuery({ ...invoiceableOrdersQueryOptions(supplier ?? 0), enabled: Boolean(supplier) });
}
