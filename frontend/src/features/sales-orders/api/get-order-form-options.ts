import { useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type CustomerOption = Pick<components['schemas']['Customer'], 'id' | 'code' | 'name' | 'currency'>;
export type LocationOption = components['schemas']['Location'];

export async function getCustomerOptions(): Promise<CustomerOption[]> {
  return dataOf(await apiClient.GET('/api/v1/customers/', { params: { query: { status: 'active', ordering: 'name', page_size: 200 } } })).results;
}

export async function getLocationOptions(): Promise<LocationOption[]> {
  return dataOf(await apiClient.GET('/api/v1/locations/', { params: { query: { page_size: 200 } } })).results;
}

export function useCustomerOptions(enabled = true) {
  return useQuery({ queryKey: ['sales-orders', 'customer-options'], queryFn: getCustomerOptions, staleTime: 5 * 60_000, enabled });
}

export function useLocationOptions(enabled = true) {
  return useQuery({ queryKey: ['sales-orders', 'location-options'], queryFn: getLocationOptions, staleTime: 5 * 60_000, enabled });
}
