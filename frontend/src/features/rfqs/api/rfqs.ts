import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Rfq = components['schemas']['Rfq'];
export type RfqDetail = components['schemas']['RfqDetail'];
export type RfqWrite = components['schemas']['RfqWriteRequest'];
export type Comparison = components['schemas']['Comparison'];
export type AwardedOrder = components['schemas']['AwardedOrder'];

export const rfqListQueryOptions = () =>
  queryOptions({
    queryKey: ['rfqs', 'list'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/rfqs/', { params: { query: { page_size: 50 } } })),
  });

export function useRfqs() {
  return useQuery(rfqListQueryOptions());
}

export function useRfq(id: number) {
  return useQuery({
    queryKey: ['rfqs', 'detail', id],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/rfqs/{id}/', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useRfqComparison(id: number) {
  return useQuery({
    queryKey: ['rfqs', 'comparison', id],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/rfqs/{id}/comparison/', { params: { path: { id } } })) as Comparison,
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useCreateRfq() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RfqWrite) => dataOf(await apiClient.POST('/api/v1/rfqs/', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rfqs', 'list'] }),
  });
}

export function useSendRfq(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => dataOf(await apiClient.POST('/api/v1/rfqs/{id}/send/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rfqs'] }),
  });
}

export type AwardBody = { invitation: number } | { lines: { line: number; invitation: number }[] };

export function useAwardRfq(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: AwardBody): Promise<AwardedOrder[]> =>
      dataOf(await apiClient.POST('/api/v1/rfqs/{id}/award/', { params: { path: { id } }, body })).orders,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rfqs'] }),
  });
}
