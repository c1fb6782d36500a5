import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { Card } from '@/components/ui/card';
import { Modal } from '@/components/ui/modal';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { HistoryPanel } from '@/features/audit/components/history-panel';
import { usePurchaseOrder } from '@/features/purchase-orders/api/get-purchase-order';
import { PurchaseOrderDetailView } from '@/features/purchase-orders/components/purchase-order-detail';
import { LandedCostPanel } from '@/features/landed-cost/components/landed-cost-panel';
import { useGoodsReceipts } from '@/features/receipts/api/get-goods-receipts';
import { ReceiptsList } from '@/features/receipts/components/receipts-list';
import { OrderSourcing } from '@/features/rfqs/components/order-sourcing';
import { ReceiveGoodsForm } from '@/features/receipts/components/receive-goods-form';
import { ScanReceiveForm } from '@/features/receipts/components/scan-receive-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { presenceOf } from '@/components/records/record-context';

import { useCan } from '../../use-can';
import { backLinkClass } from './shared';

export default function PurchaseOrderDetailRoute() {
  const { orderId = '' } = useParams();
  const id = Number(orderId);
  const order = usePurchaseOrder(id);
  const seesCharges = useCan('landed_charge.view');
  const canAllocate = useCan('landed_charge.create');
  const receipts = useGoodsReceipts(id);
  const [receiving, setReceiving] = useState(false);
  const [scanning, setScanning] = useState(false);
  const navigate = useNavigate();
  useDocumentTitle(order.data?.number ?? 'Purchase order');
  return (
    <div className="space-y-4">
      <p>
        <Link to="/purchase-orders" className={backLinkClass}>
          ← Purchase orders
        </Link>
      </p>
      <QueryState query={order} what="the purchase order">
        {(data) => (
          <>
            <OrderSourcing order={data} />
            <PurchaseOrderDetailView
              order={data}
              onReceive={() => setReceiving(true)}
              onEdit={() => void navigate(`/purchase-orders/${data.id}/edit`)}
              onScanReceive={() => setScanning(true)}
              aside={
                <Card title="Receipts">
                  <ReceiptsList order={data.id} canReturn={presenceOf(data.available_actions, 'goods_receipt.return').kind === 'show'} />
                </Card>
              }
            />
            {seesCharges && (receipts.data ?? []).length > 0 ? (
              <LandedCostPanel
                order={data.id}
                currency={data.currency}
                location={data.ship_to}
                products={[...new Set(data.lines.flatMap((line) => (line.product ? [line.product] : [])))]}
                receipts={receipts.data ?? []}
                canAllocate={canAllocate}
              />
            ) : null}
            <HistoryPanel source={{ kind: 'resource', resource: 'purchase-orders', id: data.id, version: data.updated_at }} />
            <Modal open={receiving} title={`Receive goods for ${data.number}`} onClose={() => setReceiving(false)} size="lg">
              <ReceiveGoodsForm
                order={data.id}
                lines={data.lines}
                onCancel={() => setReceiving(false)}
                onPosted={(receipt) => {
                  setReceiving(false);
                  toast.success(`${receipt.number} posted; stock is updated at ${data.ship_to_code}.`);
                }}
              />
            </Modal>
            <Modal open={scanning} title={`Receive ${data.number} by scanning`} onClose={() => setScanning(false)} size="lg">
              <ScanReceiveForm
                order={data.id}
                lines={data.lines}
                onCancel={() => setScanning(false)}
                onPosted={(receipt) => {
                  setScanning(false);
                  toast.success(`${receipt.number} posted; lots and weights are in stock at ${data.ship_to_code}.`);
                }}
              />
            </Modal>
          </>
        )}
      </QueryState>
    </div>
  );
}
