import { Badge, type BadgeTone } from '@/components/ui/badge';

import { RETURN_STATUS_LABELS, type CustomerReturnStatus } from '../api/get-customer-returns';

const TONES: Record<CustomerReturnStatus, BadgeTone> = {
  authorised: 'info',
  received: 'warning',
  credited: 'success',
  closed: 'neutral',
  cancelled: 'neutral',
};

export function CustomerReturnStatusBadge({ status }: { status: CustomerReturnStatus }) {
  return <Badge tone={TONES[status]}>{RETURN_STATUS_LABELS[status]}</Badge>;
}
