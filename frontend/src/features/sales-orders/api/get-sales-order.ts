import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type SalesOrder = components['schemas']['SalesOrder'];
export type SalesOrderLine = SalesOrder['lines'][number];

export async function getSalesOrder(id: number): Promise<SalesOrder> {
  return dataOf(await apiClient.GET('/api/v1/sales-orders/{id}/', { params: { path: { id } } }));
}

export const salesOrderQueryOptions = (id: number) => queryOptions({ queryKey: ['sales-orders', 'detail', id], queryFn: () => getSalesOrder(id) });

export function useSalesOrder(id: number) {
  return useQuery({ ...salesOrderQueryOptions(id), enabled: Number.isInteger(id) && id > 0 });
}
