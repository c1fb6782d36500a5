import { Badge } from '@/components/ui/badge';

import type { PartyStatus } from '../api/get-suppliers';

export const STATUS_LABELS: Record<PartyStatus, string> = { active: 'Active', on_hold: 'On hold', inactive: 'Inactive' };

export function StatusBadge({ status }: { status: PartyStatus }) {
  const tone = status === 'active' ? 'success' : status === 'on_hold' ? 'warning' : 'neutral';
  return <Badge tone={tone}>{STATUS_LABELS[status]}</Badge>;
}

/** Days of insurance left -> a badge: lapsed, expiring within 30 days, or nothing to flag. */
export function insuranceState(carrier: { insurance_expired: boolean; insurance_days_left: number | null }): 'expired' | 'expiring' | 'ok' {
  if (carrier.insurance_expired || carrier.insurance_days_left === null || carrier.insurance_days_left < 0) return 'expired';
  if (carrier.insurance_days_left <= 30) return 'expiring';
  return 'ok';
}
