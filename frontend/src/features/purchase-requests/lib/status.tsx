import { Badge, type BadgeTone } from '@/components/ui/badge';

import type { PurchaseRequestStatus } from '../api/get-purchase-requests';

export const REQUEST_STATUS: Record<PurchaseRequestStatus, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  pending_approval: { label: 'Pending approval', tone: 'info' },
  approved: { label: 'Approved', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
  returned: { label: 'Returned for changes', tone: 'warning' },
  ordered: { label: 'Ordered', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export function RequestStatusBadge({ status }: { status: PurchaseRequestStatus }) {
  const { label, tone } = REQUEST_STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
