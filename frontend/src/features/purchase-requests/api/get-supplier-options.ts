import { queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type SupplierOption = Pick<components['schemas']['Supplier'], 'id' | 'code' | 'name'>;

/** Active suppliers to suggest on a request (the buyer orders from the suggested one). */
export async function getSupplierOptions(): Promise<SupplierOption[]> {
  const page = dataOf(await apiClient.GET('/api/v1/suppliers/', { params: { query: { status: 'active', ordering: 'name', page_size: 200 } } }));
  return page.results;
}

export const supplierOptionsQueryOptions = () =>
  queryOptions({ queryKey: ['purchase-requests', 'supplier-options'], queryFn: getSupplierOptions, staleTime: 5 * 60_000 });

export function useSupplierOptions() {
  return useQuery(supplierOptionsQueryOptions());
}
