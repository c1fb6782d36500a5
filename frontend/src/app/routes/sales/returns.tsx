import { PageHeader } from '@/components/layouts/page-header';
import { CustomerReturnsList } from '@/features/customer-returns/components/customer-returns-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function CustomerReturnsRoute() {
  useDocumentTitle('Customer returns');
  return (
    <>
      <PageHeader title="Customer returns" />
      <CustomerReturnsList returnHref={(r) => `/sales-orders/returns/${r.id}`} />
    </>
  );
}
