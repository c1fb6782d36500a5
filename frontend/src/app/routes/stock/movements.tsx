import { BOOK_CURRENCY } from '@/config/currency';
import { StockMovements } from '@/features/inventory/components/stock-movements';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function StockMovementsRoute() {
  useDocumentTitle('Stock movements');
  return <StockMovements currency={BOOK_CURRENCY} />;
}
