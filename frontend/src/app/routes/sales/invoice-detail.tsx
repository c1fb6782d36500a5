import { Link, useParams } from 'react-router';

import { QueryState } from '@/components/ui/query-state';
import { useCustomerInvoice } from '@/features/customer-invoices/api/get-customer-invoice';
import { CustomerInvoiceDetail } from '@/features/customer-invoices/components/customer-invoice-detail';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { backLinkClass } from './shared';

export default function CustomerInvoiceDetailRoute({ backTo = '/receivables' }: { backTo?: string }) {
  const { invoiceId = '' } = useParams();
  const invoice = useCustomerInvoice(Number(invoiceId));
  useDocumentTitle(invoice.data ? `Invoice ${invoice.data.number}` : 'Invoice');
  return (
    <div className="space-y-4">
      <p>
        <Link to={backTo} className={backLinkClass}>
          ← Invoices
        </Link>
      </p>
      <QueryState query={invoice} what="the invoice">
        {(data) => <CustomerInvoiceDetail invoice={data} />}
      </QueryState>
    </div>
  );
}
