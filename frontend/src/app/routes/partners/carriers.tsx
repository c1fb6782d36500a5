import { CarriersList } from '@/features/partners/components/carriers';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

export default function Route() {
  useDocumentTitle('Carriers');
  const canEdit = useCan('carrier.create');
  return <CarriersList canEdit={canEdit} />;
}
