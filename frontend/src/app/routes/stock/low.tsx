import { LowStockList } from '@/features/inventory/components/low-stock';
import { DraftReorders } from '@/features/reorder/draft-reorders';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

export default function LowStockRoute() {
  useDocumentTitle('Low stock');
  const canOrder = useCan('reorder_draft.create');
  return (
    <>
      {canOrder ? <DraftReorders /> : null}
      <LowStockList />
    </>
  );
}
