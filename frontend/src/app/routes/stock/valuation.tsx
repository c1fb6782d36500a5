import { StockValuation } from '@/features/inventory/components/valuation';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ValuationRoute() {
  useDocumentTitle('Stock valuation');
  return <StockValuation />;
}
