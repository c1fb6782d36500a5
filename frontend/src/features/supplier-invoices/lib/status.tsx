import { Badge, type BadgeTone } from '@/components/ui/badge';

import type { SupplierInvoiceStatus } from '../api/get-supplier-invoices';

export const INVOICE_STATUS: Record<SupplierInvoiceStatus, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  matched: { label: 'Matched', tone: 'success' },
  exception: { label: 'Exception', tone: 'danger' },
  approved: { label: 'Approved for payment', tone: 'info' },
  partially_paid: { label: 'Partially paid', tone: 'warning' },
  paid: { label: 'Paid', tone: 'success' },
  void: { label: 'Void', tone: 'neutral' },
};

export function InvoiceStatusBadge({ status }: { status: SupplierInvoiceStatus }) {
  const { label, tone } = INVOICE_STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
