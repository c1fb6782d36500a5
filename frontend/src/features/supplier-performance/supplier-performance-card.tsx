import { useQuery } from '@tanstack/react-query';

import { Card } from '@/components/ui/card';
import { apiClient, dataOf } from '@/lib/api-client';

function percent(value: string | null | undefined) {
  return value == null ? 'no data yet' : `${value}%`;
}

/** On-time delivery, quantity and price accuracy over the last year, from receipts and invoices. */
export function SupplierPerformanceCard({ supplierId }: { supplierId: number }) {
  const figures = useQuery({
    queryKey: ['supplier-performance', supplierId],
    queryFn: async () =>
      dataOf(await apiClient.GET('/api/v1/supplier-performance/{supplier_id}/', { params: { path: { supplier_id: supplierId } } })),
  });
  if (!figures.data) return null;
  const data = figures.data;
  return (
    <Card title="Performance (last 12 months)">
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Rating</dt>
          <dd className="text-lg font-semibold">{percent(data.rating_percent)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">On time</dt>
          <dd>
            {percent(data.on_time_percent)} ({data.on_time_receipts}/{data.receipts} receipts)
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Quantity accuracy</dt>
          <dd>
            {percent(data.quantity_accuracy_percent)} ({data.exact_quantity_lines}/{data.order_lines} lines)
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Price accuracy</dt>
          <dd>
            {percent(data.price_accuracy_percent)} ({data.exact_price_lines}/{data.invoice_lines} invoice lines)
          </dd>
        </div>
      </dl>
    </Card>
  );
}
