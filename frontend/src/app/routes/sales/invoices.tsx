import { CustomerInvoicesList } from '@/features/customer-invoices/components/customer-invoices-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function CustomerInvoicesRoute() {
  useDocumentTitle('Customer invoices');
  return <CustomerInvoicesList invoiceHref={(i) => `/receivables/invoices/${i.id}`} />;
}
