import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { Product } from './get-products';

export const productKey = (id: string) => ['catalog', 'products', 'detail', id] as const;

export async function getProduct(id: string): Promise<Product> {
  return dataOf(await apiClient.GET('/api/v1/products/{id}/', { params: { path: { id } } }));
}

export const productQueryOptions = (id: string) => queryOptions({ queryKey: productKey(id), queryFn: () => getProduct(id) });

export function useProduct(id: string) {
  return useQuery(productQueryOptions(id));
}
