import { useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type CarrierOption = Pick<components['schemas']['Carrier'], 'id' | 'name'>;

export async function getCarrierOptions(): Promise<CarrierOption[]> {
  return dataOf(await apiClient.GET('/api/v1/carriers/', { params: { query: { ordering: 'name', page_size: 200 } } })).results;
}

export function useCarrierOptions() {
  return useQuery({ queryKey: ['shipments', 'carriers'], queryFn: getCarrierOptions, staleTime: 5 * 60_000 });
}
