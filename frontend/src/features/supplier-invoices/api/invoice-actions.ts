import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { SupplierInvoiceDetail } from './get-supplier-invoice';

export type InvoiceAction = 'match' | 'accept-exception' | 'approve' | 'void';

/** Three-way match, accepting its exceptions, approval for payment and voiding, one endpoint each. */
export async function runInvoiceAction(id: number, action: InvoiceAction, comment = ''): Promise<SupplierInvoiceDetail> {
  const params = { path: { id } };
  switch (action) {
    case 'match':
      return dataOf(await apiClient.POST('/api/v1/supplier-invoices/{id}/match/', { params }));
    case 'accept-exception':
      return dataOf(await apiClient.POST('/api/v1/supplier-invoices/{id}/accept-exception/', { params, body: { comment } }));
    case 'approve':
      return dataOf(await apiClient.POST('/api/v1/supplier-invoices/{id}/approve/', { params }));
    case 'void':
      return dataOf(await apiClient.POST('/api/v1/supplier-invoices/{id}/void/', { params, body: { comment } }));
  }
}

export function useInvoiceAction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, comment }: { action: InvoiceAction; comment?: string }) => runInvoiceAction(id, action, comment),
    onSuccess: (invoice) => {
      queryClient.setQueryData(['supplier-invoices', 'detail', id], invoice);
      return queryClient.invalidateQueries({ queryKey: ['supplier-invoices', 'list'] });
    },
  });
}
