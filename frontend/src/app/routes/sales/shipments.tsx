import { PageHeader } from '@/components/layouts/page-header';
import { ShipmentsList } from '@/features/shipments/components/shipments-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ShipmentsRoute() {
  useDocumentTitle('Shipments');
  return (
    <>
      <PageHeader title="Shipments" />
      <ShipmentsList orderHref={(s) => `/sales-orders/${s.order}`} />
    </>
  );
}
