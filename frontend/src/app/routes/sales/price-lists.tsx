import { PageHeader } from '@/components/layouts/page-header';
import { PriceListsPage } from '@/features/price-lists/components/price-lists-page';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

export default function PriceListsRoute() {
  useDocumentTitle('Price lists');
  const canCreate = useCan('price_list.create');
  const canEdit = useCan('price_list.update');
  return (
    <>
      <PageHeader title="Price lists" />
      <PriceListsPage canCreate={canCreate} canEdit={canEdit} />
    </>
  );
}
