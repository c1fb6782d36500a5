import { useState, type ReactNode } from 'react';

import { RelatedDocuments } from '@/components/records/related-documents';
import { WorkflowStepper } from '@/components/records/workflow-stepper';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { Table, type Column } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatMoney, formatQuantity } from '@/lib/format';

import { downloadInvoicePdf } from '../api/download-invoice-pdf';
import type { CustomerInvoiceDetail as Invoice } from '../api/get-customer-invoice';

import { CustomerInvoiceStatus } from './invoice-status';

type Line = Invoice['lines'][number];

interface CustomerInvoiceDetailProps {
  invoice: Invoice;
  /** The actions the page offers (payment, credit), as the server decided them for the reader. */
  actions?: ReactNode;
  /** Read on the customer portal: linked documents open their portal pages. */
  portal?: boolean;
}

export function CustomerInvoiceDetail({ invoice, actions, portal = false }: CustomerInvoiceDetailProps) {
  const [downloading, setDownloading] = useState(false);
  const money = (value: string) => formatMoney(value, invoice.currency);
  const columns: Column<Line>[] = [
    { key: 'description', header: 'Description', cell: (l) => l.description },
    { key: 'quantity', header: 'Quantity', align: 'right', cell: (l) => formatQuantity(l.quantity, l.unit) },
    { key: 'price', header: 'Unit price', align: 'right', cell: (l) => money(l.unit_price) },
    { key: 'net', header: 'Net', align: 'right', cell: (l) => money(l.net_amount) },
    { key: 'tax', header: 'Tax', align: 'right', cell: (l) => money(l.tax_amount) },
  ];
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">
            {invoice.kind === 'debit_note' ? 'Debit note' : 'Invoice'} {invoice.number}
          </h1>
          <p className="mt-2 flex items-center gap-2 text-sm">
            <CustomerInvoiceStatus invoice={invoice} />
            <span className="text-slate-600 dark:text-slate-400">
              {invoice.customer_code} · order {invoice.order_number}
            </span>
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {actions}
          <Button
            variant="secondary"
            busy={downloading}
            onClick={() => {
              setDownloading(true);
              downloadInvoicePdf(invoice.id, invoice.number)
                .catch((error: unknown) => toast.error(`Could not download the PDF: ${errorMessage(error)}`))
                .finally(() => setDownloading(false));
            }}
          >
            Download PDF
          </Button>
        </div>
      </header>
      <WorkflowStepper workflow={invoice.workflow} label={`Where invoice ${invoice.number} stands`} />
      <Card title="Amounts">
        <DescriptionList
          items={[
            ...(invoice.kind === 'debit_note' ? [{ term: 'Why', value: invoice.reason_text || '—' }] : []),
            { term: 'Issued', value: formatDate(invoice.issue_date) },
            { term: 'Due', value: formatDate(invoice.due_date) },
            { term: 'Subtotal', value: money(invoice.subtotal) },
            { term: 'Tax', value: money(invoice.tax_total) },
            { term: 'Total', value: <strong>{money(invoice.total)}</strong> },
            { term: 'Paid', value: money(invoice.amount_paid) },
            { term: 'Balance', value: <strong data-testid="customer-invoice-balance">{money(invoice.balance)}</strong> },
          ]}
        />
      </Card>
      <Card title="Lines">
        <Table caption="Invoice lines" columns={columns} rows={invoice.lines} rowKey={(l) => l.id} />
      </Card>
      <RelatedDocuments documents={invoice.related_documents} portal={portal} />
    </div>
  );
}
