import { AgingTable } from '@/features/receivables/components/aging-table';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function AgingRoute() {
  useDocumentTitle('Receivables aging');
  return <AgingTable />;
}
