import { LowStockList } from '@/features/inventory/components/low-stock';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function LowStockRoute() {
  useDocumentTitle('Low stock');
  return <LowStockList />;
}
