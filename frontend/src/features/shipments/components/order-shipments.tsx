import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-error';
import { formatDate } from '@/lib/format';

import { useShipments } from '../api/get-shipments';

import { DeliverShipmentButton } from './deliver-shipment';

/** The shipments of one order, with their delivery; the warehouse records deliveries here. */
export function OrderShipments({ order, canDeliver }: { order: number; canDeliver: boolean }) {
  const shipments = useShipments({ order, ordering: 'ship_date', page_size: 100 });
  let body;
  if (shipments.isPending) body = <Spinner label="Loading shipments…" />;
  else if (shipments.isError) body = <p role="alert" className="text-sm text-red-700 dark:text-red-400">Could not load shipments. {errorMessage(shipments.error)}</p>;
  else if (shipments.data.results.length === 0) body = <p className="text-sm text-slate-600 dark:text-slate-400">Nothing shipped yet.</p>;
  else
    body = (
      <ul className="space-y-3 text-sm" aria-label="Shipments of the order">
        {shipments.data.results.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <span>
              <span className="font-medium">{s.number}</span> · shipped {formatDate(s.ship_date)}
              {s.carrier_name ? ` · ${s.carrier_name}` : ''}
              {s.tracking_number ? ` · tracking ${s.tracking_number}` : ''}
              {s.delivered_date ? ` · delivered ${formatDate(s.delivered_date)}` : ''}
            </span>
            {s.status === 'delivered' ? <Badge tone="success">Delivered</Badge> : canDeliver ? <DeliverShipmentButton shipment={s} /> : <Badge tone="info">On its way</Badge>}
          </li>
        ))}
      </ul>
    );
  return <Card title="Shipments">{body}</Card>;
}
