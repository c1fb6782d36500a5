import { Link, useParams } from 'react-router';

import { QueryState } from '@/components/ui/query-state';
import { HistoryPanel } from '@/features/audit/components/history-panel';
import { useCan } from '@/features/auth/hooks/use-grants';
import { useSupplierInvoice } from '@/features/supplier-invoices/api/get-supplier-invoice';
import { SupplierInvoiceDetail } from '@/features/supplier-invoices/components/supplier-invoice-detail';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { backLinkClass } from './shared';

export default function SupplierInvoiceDetailRoute() {
  const { invoiceId = '' } = useParams();
  const id = Number(invoiceId);
  const invoice = useSupplierInvoice(id);
  const canApplyDebitNotes = useCan('supplier_debit_note.apply');
  useDocumentTitle(invoice.data ? `${invoice.data.kind === 'credit_note' ? 'Credit note' : 'Invoice'} ${invoice.data.invoice_number}` : 'Supplier invoice');
  return (
    <div className="space-y-4">
      <p>
        <Link to="/supplier-invoices" className={backLinkClass}>
          ← Supplier invoices
        </Link>
      </p>
      <QueryState query={invoice} what="the invoice">
        {(data) => (
          <div className="space-y-6">
            <SupplierInvoiceDetail invoice={data} orderHref={data.purchase_order ? `/purchase-orders/${data.purchase_order}` : undefined}
              documentHref={data.source_document ? `/supplier-invoices/documents/${data.source_document}` : undefined}
              canApplyDebitNotes={canApplyDebitNotes}
              invoiceHref={(other) => `/supplier-invoices/${other}`}
            />
            <HistoryPanel source={{ kind: 'resource', resource: 'supplier-invoices', id: data.id, version: data.updated_at }} />
          </div>
        )}
      </QueryState>
    </div>
  );
}
