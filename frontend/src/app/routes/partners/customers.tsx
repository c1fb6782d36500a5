import { CustomersList } from '@/features/partners/components/customers';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

export default function Route() {
  useDocumentTitle('Customers');
  const canEdit = useCan('customer.create');
  return <CustomersList canEdit={canEdit} />;
}
