import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type ReceiveReturnInput = components['schemas']['CustomerReturnReceiveRequest'];
export type ReceiveLineInput = ReceiveReturnInput['lines'][number];

/** Record what came back: into stock by lot or written off. */
export async function receiveCustomerReturn(id: number, input: ReceiveReturnInput) {
  return dataOf(await apiClient.POST('/api/v1/customer-returns/{id}/receive/', { params: { path: { id } }, body: input }));
}

/** Credit the invoice for what came back (a credit note). */
export async function creditCustomerReturn(id: number) {
  return dataOf(await apiClient.POST('/api/v1/customer-returns/{id}/credit/', { params: { path: { id } }, body: {} }));
}

export async function closeCustomerReturn(id: number, reason: string) {
  return dataOf(await apiClient.POST('/api/v1/customer-returns/{id}/close/', { params: { path: { id } }, body: { reason } }));
}

export async function cancelCustomerReturn(id: number, reason: string) {
  return dataOf(await apiClient.POST('/api/v1/customer-returns/{id}/cancel/', { params: { path: { id } }, body: { reason } }));
}

export function useCustomerReturnActions(id: number) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['customer-returns'] });
    void queryClient.invalidateQueries({ queryKey: ['customer-invoices'] });
    void queryClient.invalidateQueries({ queryKey: ['receivables'] });
    void queryClient.invalidateQueries({ queryKey: ['stock-levels'] });
  };
  return {
    receive: useMutation({ mutationFn: (input: ReceiveReturnInput) => receiveCustomerReturn(id, input), onSuccess: refresh }),
    credit: useMutation({ mutationFn: () => creditCustomerReturn(id), onSuccess: refresh }),
    close: useMutation({ mutationFn: (reason: string) => closeCustomerReturn(id, reason), onSuccess: refresh }),
    cancel: useMutation({ mutationFn: (reason: string) => cancelCustomerReturn(id, reason), onSuccess: refresh }),
  };
}
