import { PARTNER_EDITORS } from '@/config/permissions';
import { MappingsList } from '@/features/partners/components/mappings';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

export default function Route() {
  useDocumentTitle('Supplier-plant mappings');
  const canEdit = useCan(PARTNER_EDITORS);
  return <MappingsList canEdit={canEdit} />;
}
