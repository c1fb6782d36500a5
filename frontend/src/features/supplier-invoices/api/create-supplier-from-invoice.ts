import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

/** What the invoice says about its issuer, as the person confirmed it. */
export interface NewSupplier {
  code: string;
  name: string;
  tax_id: string;
  iban: string;
  email: string;
  currency: string;
  line1: string;
  postal_code: string;
  city: string;
  country: string;
}

/**
 * A new supplier from an invoice document: the supplier (with its billing address), its
 * accounts contact when the invoice gave an e-mail, then the document pointed at it, which
 * gives the document's draft invoice its supplier.
 */
export async function createSupplierFromInvoice(documentId: number, data: NewSupplier): Promise<{ id: number; name: string }> {
  const hasAddress = Boolean(data.line1 || data.city || data.postal_code);
  const supplier = dataOf(
    await apiClient.POST('/api/v1/suppliers/', {
      body: {
        code: data.code,
        name: data.name,
        tax_id: data.tax_id,
        iban: data.iban,
        ...(data.currency ? { currency: data.currency } : {}),
        addresses: hasAddress
          ? [{ kind: 'billing', line1: data.line1, postal_code: data.postal_code, city: data.city, country: data.country }]
          : [],
      },
    }),
  );
  if (data.email) {
    dataOf(await apiClient.POST('/api/v1/contacts/', { body: { supplier: supplier.id, name: 'Accounts', email: data.email, is_primary: true } }));
  }
  dataOf(
    await apiClient.PATCH('/api/v1/documents/{id}/extraction/', {
      params: { path: { id: documentId } },
      body: { fields: {}, supplier_id: supplier.id },
    }),
  );
  return { id: supplier.id, name: supplier.name };
}

export function useCreateSupplierFromInvoice(documentId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (data: NewSupplier) => createSupplierFromInvoice(documentId, data),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['documents', 'detail', documentId] }),
        queryClient.invalidateQueries({ queryKey: ['supplier-invoices'] }),
      ]),
  });
}
