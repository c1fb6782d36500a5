import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type SupplierDetail = components['schemas']['SupplierDetail'];

export async function getSupplier(id: number): Promise<SupplierDetail> {
  return dataOf(await apiClient.GET('/api/v1/suppliers/{id}/', { params: { path: { id } } }));
}

export const supplierQueryOptions = (id: number) => queryOptions({ queryKey: ['partners', 'suppliers', 'detail', id], queryFn: () => getSupplier(id) });

export function useSupplier(id: number) {
  return useQuery(supplierQueryOptions(id));
}
