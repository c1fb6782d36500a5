import { Link, useParams } from 'react-router';

import { QueryState } from '@/components/ui/query-state';
import { HistoryPanel } from '@/components/history-panel';
import { useSupplier } from '@/features/partners/api/get-supplier';
import { ReadingHintsPanel } from '@/features/partners/components/reading-hints-panel';
import { SupplierDetail } from '@/features/partners/components/supplier-detail';
import { SupplierPerformanceCard } from '@/features/supplier-performance/supplier-performance-card';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

export default function SupplierDetailRoute() {
  const { supplierId = '' } = useParams();
  const supplier = useSupplier(Number(supplierId));
  const canEdit = useCan('supplier.update');
  const canSeeOrders = useCan('purchase_order.view');
  const canSeeHints = useCan('supplier_reading_hints.view');
  const canResetHints = useCan('supplier_reading_hints.reset');
  useDocumentTitle(supplier.data?.name ?? 'Supplier');
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/partners" className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          ← Suppliers
        </Link>
      </p>
      <QueryState query={supplier} what="the supplier">
        {(data) => (
          <div className="space-y-6">
            <SupplierDetail supplier={data} canEdit={canEdit} />
            {canSeeOrders ? <SupplierPerformanceCard supplierId={data.id} /> : null}
            {canSeeHints ? <ReadingHintsPanel supplierId={data.id} supplierName={data.name} canReset={canResetHints} /> : null}
            <HistoryPanel source={{ resource: 'suppliers', id: data.id, version: data.updated_at }} />
          </div>
        )}
      </QueryState>
    </div>
  );
}
