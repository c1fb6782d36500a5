import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { components, paths } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { compactQuery } from '@/lib/query-string';

export type CustomerPayment = components['schemas']['CustomerPayment'];
export type CustomerPaymentQuery = NonNullable<paths['/api/v1/customer-payments/']['get']['parameters']['query']>;

export async function getCustomerPayments(query: CustomerPaymentQuery) {
  return dataOf(await apiClient.GET('/api/v1/customer-payments/', { params: { query: compactQuery(query) } }));
}

export const customerPaymentsQueryOptions = (query: CustomerPaymentQuery) =>
  queryOptions({ queryKey: ['receivables', 'payments', compactQuery(query)], queryFn: () => getCustomerPayments(query), placeholderData: keepPreviousData });

export function useCustomerPayments(query: CustomerPaymentQuery) {
  return useQuery(customerPaymentsQueryOptions(query));
}
