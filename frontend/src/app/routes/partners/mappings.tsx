import { MappingsList } from '@/features/partners/components/mappings';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

export default function Route() {
  useDocumentTitle('Supplier-plant mappings');
  const canEdit = useCan('supplier_plant_mapping.create');
  return <MappingsList canEdit={canEdit} />;
}
