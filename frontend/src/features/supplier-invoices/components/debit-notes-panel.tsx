import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatMoney } from '@/lib/format';

import { useApplyDebitNote, useSupplierDebitNotes, type DebitNote } from '../api/debit-notes';

const STATUS: Record<DebitNote['status'], string> = { open: 'Credit expected', partially_applied: 'Partly applied', applied: 'Applied' };

interface DebitNotesPanelProps {
  invoice: { id: number; supplier: number | null; currency: string; status: string; invoice_number: string };
  canApply: boolean;
}

/** The supplier's debit notes (goods returned to them) beside one of their invoices: what is
 * still expected can be applied to the invoice once it is approved for payment, which lowers its
 * balance and the payables aging. */
export function DebitNotesPanel({ invoice, canApply }: DebitNotesPanelProps) {
  const notes = useSupplierDebitNotes(invoice.supplier, invoice.currency);
  const apply = useApplyDebitNote(invoice.id);
  const payable = invoice.status === 'approved' || invoice.status === 'partially_paid';
  const money = (value: string) => formatMoney(value, invoice.currency);
  const rows = (notes.data ?? []).filter((note) => Number(note.open_amount) > 0 || note.applications.some((a) => a.invoice === invoice.id));
  if (!notes.isPending && !notes.isError && rows.length === 0) return null;
  return (
    <Card title="Debit notes">
      <Table
        caption="Debit notes of this supplier"
        columns={[
          { key: 'number', header: 'Debit note', cell: (note: DebitNote) => note.number },
          { key: 'date', header: 'Issued', cell: (note) => formatDate(note.issue_date) },
          { key: 'order', header: 'Returned from', cell: (note) => `${note.order_number} · ${note.receipt_number}` },
          { key: 'reason', header: 'Reason', cell: (note) => note.reason },
          { key: 'total', header: 'Total', align: 'right', cell: (note) => money(note.total) },
          { key: 'open', header: 'Open', align: 'right', cell: (note) => money(note.open_amount) },
          { key: 'status', header: 'Status', cell: (note) => STATUS[note.status] },
          {
            key: 'apply',
            header: <span className="sr-only">Apply</span>,
            cell: (note) =>
              canApply && payable && Number(note.open_amount) > 0 ? (
                <Button
                  size="sm"
                  variant="secondary"
                  busy={apply.isPending && apply.variables === note.id}
                  onClick={() =>
                    apply.mutate(note.id, {
                      onSuccess: (saved) => toast.success(`${saved.number} applied to invoice ${invoice.invoice_number}.`),
                      onError: (error) => toast.error(errorMessage(error)),
                    })
                  }
                >
                  Apply {note.number}
                </Button>
              ) : null,
          },
        ]}
        rows={rows}
        rowKey={(note) => note.id}
        isLoading={notes.isPending}
        error={notes.isError ? `Could not load the debit notes. ${errorMessage(notes.error)}` : null}
        emptyMessage="No debit notes."
      />
      {!payable && rows.some((note) => Number(note.open_amount) > 0) ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          Credit expected from this supplier; debit notes of this invoice's order are taken off it when it is approved for payment.
        </p>
      ) : null}
    </Card>
  );
}
