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

/** A supplier's credit note: posted, then applied to invoices (never matched or paid). */
export const CREDIT_NOTE_STATUS: Record<SupplierInvoiceStatus, { label: string; tone: BadgeTone }> = {
  ...INVOICE_STATUS,
  approved: { label: 'Posted', tone: 'info' },
  partially_paid: { label: 'Partly applied', tone: 'warning' },
  paid: { label: 'Applied', tone: 'success' },
};

export function InvoiceStatusBadge({ status, kind = 'invoice' }: { status: SupplierInvoiceStatus; kind?: string }) {
  const { label, tone } = (kind === 'credit_note' ? CREDIT_NOTE_STATUS : INVOICE_STATUS)[status];
  return <Badge tone={tone}>{label}</Badge>;
}
