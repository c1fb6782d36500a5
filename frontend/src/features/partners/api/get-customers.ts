import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type Customer = components['schemas']['Customer'];
export type CustomerDetail = components['schemas']['CustomerDetail'];
export type CustomerKind = components['schemas']['CustomerKindEnum'];
export type CustomerQuery = NonNullable<paths['/api/v1/customers/']['get']['parameters']['query']>;

export const CUSTOMER_KIND_LABELS: Record<CustomerKind, string> = {
  retailer: 'Retailer',
  restaurant: 'Restaurant',
  distributor: 'Distributor',
  processor: 'Processor',
  other: 'Other',
};

export async function getCustomers(query: CustomerQuery) {
  return dataOf(await apiClient.GET('/api/v1/customers/', { params: { query: compactQuery(query) } }));
}

export const customersQueryOptions = (query: CustomerQuery) =>
  queryOptions({ queryKey: ['partners', 'customers', 'list', compactQuery(query)], queryFn: () => getCustomers(query), placeholderData: keepPreviousData });

export function useCustomers(query: CustomerQuery) {
  return useQuery(customersQueryOptions(query));
}

export async function getCustomer(id: number): Promise<CustomerDetail> {
  return dataOf(await apiClient.GET('/api/v1/customers/{id}/', { params: { path: { id } } }));
}

export const customerQueryOptions = (id: number) => queryOptions({ queryKey: ['partners', 'customers', 'detail', id], queryFn: () => getCustomer(id) });
