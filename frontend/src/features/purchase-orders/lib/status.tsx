import { Badge, type BadgeTone } from '@/components/ui/badge';

import type { PurchaseOrderStatus } from '../api/get-purchase-orders';

export const ORDER_STATUS: Record<PurchaseOrderStatus, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  issued: { label: 'Issued', tone: 'info' },
  partially_received: { label: 'Partially received', tone: 'warning' },
  received: { label: 'Received', tone: 'success' },
  closed: { label: 'Closed', tone: 'neutral' },
  cancelled: { label: 'Cancelled', tone: 'danger' },
};

export function OrderStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  const { label, tone } = ORDER_STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

/** Received share of an order line, 0-100, from decimal strings (display only). */
export function receivedPercent(received: string, ordered: string): number {
  const r = Number(received);
  const o = Number(ordered);
  if (!Number.isFinite(r) || !Number.isFinite(o) || o <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((r / o) * 100)));
}
