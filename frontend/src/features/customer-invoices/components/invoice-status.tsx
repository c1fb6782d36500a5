import { Badge } from '@/components/ui/badge';

import type { CustomerInvoice } from '../api/get-customer-invoices';

function isOverdue(invoice: CustomerInvoice): boolean {
  if (invoice.status === 'paid') return false;
  const today = new Date();
  const todayText = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return invoice.due_date < todayText;
}

export function CustomerInvoiceStatus({ invoice }: { invoice: CustomerInvoice }) {
  if (invoice.status === 'paid') return <Badge tone="success">Paid</Badge>;
  if (isOverdue(invoice)) return <Badge tone="danger">Overdue</Badge>;
  return <Badge tone={invoice.status === 'partially_paid' ? 'warning' : 'info'}>{invoice.status === 'partially_paid' ? 'Partially paid' : 'Open'}</Badge>;
}
