import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { PurchaseRequest } from './get-purchase-request';

export type RequestAction = 'submit' | 'approve' | 'reject' | 'return' | 'cancel';

/** Reject and return need a reason the requester can act on; the server insists too. */
export const COMMENT_REQUIRED: ReadonlySet<RequestAction> = new Set(['reject', 'return']);

export const ACTION_DONE: Record<RequestAction, string> = {
  submit: 'submitted for approval',
  approve: 'approved',
  reject: 'rejected',
  return: 'returned for changes',
  cancel: 'cancelled',
};

/**
 * What the toast says after a decision, from the request as the server returned it: after the
 * first of two approvals the request is still waiting, and for whom.
 */
export function decisionMessage(saved: Pick<PurchaseRequest, 'number' | 'status' | 'current_step'>, action: RequestAction): string {
  if ((action === 'approve' || action === 'submit') && saved.status === 'pending_approval') {
    const next = saved.current_step?.delegate?.full_name || saved.current_step?.approver?.full_name;
    const done = action === 'approve' ? `You approved ${saved.number}` : `${saved.number} submitted`;
    return next ? `${done}. It now waits for ${next}.` : `${done}. It now waits for the next approver.`;
  }
  if (action === 'approve' && saved.status === 'approved') return `${saved.number} is approved. Purchasing can now order it.`;
  return `${saved.number} ${ACTION_DONE[action]}.`;
}

export async function decidePurchaseRequest(id: number, action: RequestAction, comment = ''): Promise<PurchaseRequest> {
  const params = { path: { id } };
  const body = { comment };
  switch (action) {
    case 'submit':
      return dataOf(await apiClient.POST('/api/v1/purchase-requests/{id}/submit/', { params }));
    case 'approve':
      return dataOf(await apiClient.POST('/api/v1/purchase-requests/{id}/approve/', { params, body }));
    case 'reject':
      return dataOf(await apiClient.POST('/api/v1/purchase-requests/{id}/reject/', { params, body }));
    case 'return':
      return dataOf(await apiClient.POST('/api/v1/purchase-requests/{id}/return/', { params, body }));
    case 'cancel':
      return dataOf(await apiClient.POST('/api/v1/purchase-requests/{id}/cancel/', { params, body }));
  }
}

export function useDecidePurchaseRequest(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, comment }: { action: RequestAction; comment?: string }) => decidePurchaseRequest(id, action, comment),
    onSuccess: (saved) => {
      queryClient.setQueryData(['purchase-requests', 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['purchase-requests', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['approvals'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

/** Submit a request just saved (its id is only known then), keeping the cache in step. */
export function useSubmitPurchaseRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => decidePurchaseRequest(id, 'submit'),
    onSuccess: (saved) => {
      queryClient.setQueryData(['purchase-requests', 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['purchase-requests', 'list'] });
    },
  });
}
