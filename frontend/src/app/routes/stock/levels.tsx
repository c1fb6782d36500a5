import { BOOK_CURRENCY } from '@/config/currency';
import { StockLevels } from '@/features/inventory/components/stock-levels';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

export default function StockLevelsRoute() {
  useDocumentTitle('Stock levels');
  const canMove = useCan('stock_movement.receive');
  return (
    <StockLevels
      canMove={canMove}
      currency={BOOK_CURRENCY}
      movementsHref={(level) => `/stock/movements?product=${level.product}&location=${level.location}`}
    />
  );
}
