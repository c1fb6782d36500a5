import { ContactsList } from '@/features/partners/components/contacts';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

export default function Route() {
  useDocumentTitle('Contacts');
  const canEdit = useCan('contact.create');
  return <ContactsList canEdit={canEdit} />;
}
