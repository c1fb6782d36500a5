import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Modal } from '@/components/ui/modal';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { BackToBackPanel } from '@/features/back-to-back/components/back-to-back-panel';
import { useCreateCustomerInvoice } from '@/features/customer-invoices/api/create-customer-invoice';
import { useSalesOrder } from '@/features/sales-orders/api/get-sales-order';
import { SalesOrderDetail } from '@/features/sales-orders/components/sales-order-detail';
import { ScanShipForm } from '@/features/shipments/components/scan-ship-form';
import { ShipForm } from '@/features/shipments/components/ship-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api-error';

import { presenceOf } from '@/components/records/record-context';
import { OrderShipments } from '@/features/shipments/components/order-shipments';

import { useCan } from '../../use-can';
import { backLinkClass } from './shared';

export default function SalesOrderDetailRoute() {
  const { orderId = '' } = useParams();
  const id = Number(orderId);
  const order = useSalesOrder(id);
  const navigate = useNavigate();
  const canDeliver = useCan('shipment.deliver');
  const canOverride = useCan('customer.set_credit_terms');
  const seesStock = useCan('stock_level.view');
  const seesDeals = useCan('back_to_back.view');
  const canBuyBackToBack = useCan('back_to_back.create');
  const invoice = useCreateCustomerInvoice(id);
  const [shipping, setShipping] = useState(false);
  const [scanShipping, setScanShipping] = useState(false);
  const [invoicing, setInvoicing] = useState(false);
  const [invoiceKey] = useState(() => globalThis.crypto?.randomUUID?.() ?? String(Date.now()));
  useDocumentTitle(order.data?.number ?? 'Sales order');
  return (
    <div className="space-y-4">
      <p>
        <Link to="/sales-orders" className={backLinkClass}>
          ← Sales orders
        </Link>
      </p>
      <QueryState query={order} what="the sales order">
        {(data) => {
          // What the reader may do now, decided by the server (role and the order's state).
          const allowed = (action: string) => presenceOf(data.available_actions, action).kind === 'show';
          return (
            <>
              <SalesOrderDetail
                order={data}
                canConfirm={allowed('sales_order.confirm')}
                canCancel={allowed('sales_order.cancel')}
                canOverrideCredit={canOverride}
                showStock={seesStock}
                actions={
                  <>
                    {allowed('sales_order.update') ? (
                      <Button variant="secondary" onClick={() => void navigate(`/sales-orders/${data.id}/edit`)}>
                        Edit lines
                      </Button>
                    ) : null}
                    {allowed('sales_order.ship') ? <Button onClick={() => setShipping(true)}>Ship</Button> : null}
                    {allowed('sales_order.ship') ? (
                      <Button variant="secondary" onClick={() => setScanShipping(true)}>
                        Ship by scanning
                      </Button>
                    ) : null}
                    {allowed('customer_invoice.create') ? <Button onClick={() => setInvoicing(true)}>Invoice shipped goods</Button> : null}
                  </>
                }
                aside={<OrderShipments order={data.id} canDeliver={canDeliver} />}
              />
              {seesDeals && data.status !== 'cancelled' ? (
                <BackToBackPanel
                  order={data.id}
                  customer={data.customer}
                  currency={data.currency}
                  lines={data.lines}
                  canCreate={canBuyBackToBack && ['draft', 'confirmed', 'picking'].includes(data.status)}
                />
              ) : null}
              <Modal open={shipping} title={`Ship ${data.number}`} onClose={() => setShipping(false)}>
                <ShipForm
                  order={data.id}
                  onCancel={() => setShipping(false)}
                  onShipped={(shipment) => {
                    setShipping(false);
                    toast.success(`${shipment.number} shipped${shipment.tracking_number ? ` (tracking ${shipment.tracking_number})` : ''}.`);
                  }}
                />
              </Modal>
              <Modal open={scanShipping} title={`Ship ${data.number} by scanning`} onClose={() => setScanShipping(false)}>
                <ScanShipForm
                  order={data.id}
                  lines={data.lines}
                  onCancel={() => setScanShipping(false)}
                  onShipped={(shipment) => {
                    setScanShipping(false);
                    toast.success(`${shipment.number} shipped: ${shipment.lines.length} case(s) by lot and weight.`);
                  }}
                />
              </Modal>
              <ConfirmDialog
                open={invoicing}
                title={`Invoice ${data.number}?`}
                description="Everything shipped and not yet invoiced is billed; the customer gets the PDF by e-mail."
                confirmLabel="Create invoice"
                busy={invoice.isPending}
                onCancel={() => setInvoicing(false)}
                onConfirm={() => {
                  invoice
                    .mutateAsync(invoiceKey)
                    .then((created) => {
                      toast.success(`Invoice ${created.number} created.`);
                      void navigate(`/receivables/invoices/${created.id}`);
                    })
                    .catch((error: unknown) => toast.error(`Could not invoice ${data.number}: ${errorMessage(error)}`))
                    .finally(() => setInvoicing(false));
                }}
              />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
