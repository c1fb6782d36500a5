import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type CustomerReturn = components['schemas']['CustomerReturn'];
export type CustomerReturnLine = CustomerReturn['lines'][number];
export type CustomerReturnStatus = components['schemas']['CustomerReturnStatusEnum'];
export type CustomerReturnReason = components['schemas']['CustomerReturnReasonEnum'];
export type CustomerReturnQuery = NonNullable<paths['/api/v1/customer-returns/']['get']['parameters']['query']>;

export const RETURN_STATUS_LABELS: Record<CustomerReturnStatus, string> = {
  authorised: 'Authorised',
  received: 'Received',
  credited: 'Credited',
  closed: 'Closed without credit',
  cancelled: 'Cancelled',
};

export const RETURN_REASONS: Record<CustomerReturnReason, string> = {
  damaged: 'Damaged in transit',
  temperature: 'Temperature abuse',
  quality: 'Quality or out of spec',
  wrong_product: 'Wrong product shipped',
  not_ordered: 'Not ordered / over-shipped',
  short_dated: 'Short dated',
  other: 'Other',
};

export async function getCustomerReturns(query: CustomerReturnQuery) {
  return dataOf(await apiClient.GET('/api/v1/customer-returns/', { params: { query: compactQuery(query) } }));
}

export const customerReturnsQueryOptions = (query: CustomerReturnQuery) =>
  queryOptions({ queryKey: ['customer-returns', 'list', compactQuery(query)], queryFn: () => getCustomerReturns(query), placeholderData: keepPreviousData });

export function useCustomerReturns(query: CustomerReturnQuery) {
  return useQuery(customerReturnsQueryOptions(query));
}

export async function getCustomerReturn(id: number): Promise<CustomerReturn> {
  return dataOf(await apiClient.GET('/api/v1/customer-returns/{id}/', { params: { path: { id } } }));
}

export function useCustomerReturn(id: number) {
  return useQuery({ queryKey: ['customer-returns', 'detail', id], queryFn: () => getCustomerReturn(id), enabled: Number.isInteger(id) && id > 0 });
}
