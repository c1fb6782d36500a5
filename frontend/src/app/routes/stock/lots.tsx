import { LotsPage } from '@/features/lots/components/lots-page';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';


export default function LotsRoute() {
  useDocumentTitle('Lots & recalls');
  return <LotsPage canRecall={useCan('recall.notify')} />;
}
