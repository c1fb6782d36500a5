import { Badge, type BadgeTone } from '@/components/ui/badge';

import type { SalesOrderStatus } from '../api/get-sales-orders';

export const SALES_STATUS: Record<SalesOrderStatus, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  confirmed: { label: 'Confirmed', tone: 'info' },
  picking: { label: 'Picking', tone: 'info' },
  shipped: { label: 'Shipped', tone: 'warning' },
  delivered: { label: 'Delivered', tone: 'success' },
  invoiced: { label: 'Invoiced', tone: 'success' },
  paid: { label: 'Paid', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'danger' },
};

export function SalesStatusBadge({ status }: { status: SalesOrderStatus }) {
  const { label, tone } = SALES_STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
