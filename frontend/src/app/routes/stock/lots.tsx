import type { Role } from '@/config/roles';
import { LotsPage } from '@/features/lots/components/lots-page';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

const RECALLERS: readonly Role[] = ['sales', 'warehouse'];

export default function LotsRoute() {
  useDocumentTitle('Lots & recalls');
  return <LotsPage canRecall={useCan(RECALLERS)} />;
}
