import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { apiClient, dataOf } from '@/lib/api-client';

import type { PurchaseOrderDetail } from './get-purchase-order';

export const createFromRequestsSchema = z.object({
  requests: z.array(z.string()).min(1, 'Choose at least one approved request.'),
  ship_to: z.string().min(1, 'Choose where the goods go.'),
  expected_date: z.string(),
});

export type CreateFromRequestsInput = z.infer<typeof createFromRequestsSchema>;
export const CREATE_FROM_REQUESTS_FIELDS = Object.keys(createFromRequestsSchema.shape);

/** One draft order per supplier from approved requests; the requests become ordered. */
export async function createFromRequests(input: CreateFromRequestsInput): Promise<PurchaseOrderDetail[]> {
  // The schema describes a page, the server answers a plain list: accept either.
  const body: unknown = dataOf(
    await apiClient.POST('/api/v1/purchase-orders/create-from-requests/', {
      body: { requests: input.requests.map(Number), ship_to: Number(input.ship_to), expected_date: input.expected_date || null },
    }),
  );
  if (Array.isArray(body)) return body as PurchaseOrderDetail[];
  return (body as { results: PurchaseOrderDetail[] }).results;
}

export function useCreateFromRequests() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createFromRequests,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['purchase-orders'] }),
  });
}
