import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type CustomerOption = Pick<components['schemas']['Customer'], 'id' | 'code' | 'name' | 'currency'>;
export type LocationOption = components['schemas']['Location'];
export type ProductOption = Pick<components['schemas']['Product'], 'id' | 'sku' | 'name' | 'unit' | 'list_price' | 'currency'>;

export async function getCustomerOptions(): Promise<CustomerOption[]> {
  return dataOf(await apiClient.GET('/api/v1/customers/', { params: { query: { status: 'active', ordering: 'name', page_size: 200 } } })).results;
}

export async function getLocationOptions(): Promise<LocationOption[]> {
  return dataOf(await apiClient.GET('/api/v1/locations/', { params: { query: { page_size: 200 } } })).results;
}

export async function searchProducts(search: string): Promise<ProductOption[]> {
  return dataOf(await apiClient.GET('/api/v1/products/', { params: { query: { search: search || undefined, active: true, page_size: 20, ordering: 'sku' } } })).results;
}

export function useCustomerOptions(enabled = true) {
  return useQuery({ queryKey: ['sales-orders', 'customer-options'], queryFn: getCustomerOptions, staleTime: 5 * 60_000, enabled });
}

export function useLocationOptions(enabled = true) {
  return useQuery({ queryKey: ['sales-orders', 'location-options'], queryFn: getLocationOptions, staleTime: 5 * 60_000, enabled });
}

export const productSearchQueryOptions = (search: string) =>
  queryOptions({ queryKey: ['sales-orders', 'product-search', search], queryFn: () => searchProducts(search), placeholderData: keepPreviousData, staleTime: 60_000 });

export function useProductSearch(search: string, enabled: boolean) {
  return useQuery({ ...productSearchQueryOptions(search), enabled });
}
