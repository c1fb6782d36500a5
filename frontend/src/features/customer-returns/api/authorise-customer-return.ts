import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type AuthoriseReturnInput = components['schemas']['CustomerReturnCreateRequest'];

/** Authorise a return of shipped goods against an invoice (by line and lot). */
export async function authoriseCustomerReturn(input: AuthoriseReturnInput) {
  return dataOf(await apiClient.POST('/api/v1/customer-returns/', { body: input }));
}

export function useAuthoriseCustomerReturn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: authoriseCustomerReturn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['customer-returns'] }),
  });
}
