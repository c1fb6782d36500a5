import { Link } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { SupplierInvoicesList } from '@/features/supplier-invoices/components/supplier-invoices-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';
import { primaryLinkClass, secondaryLinkClass } from './shared';

export default function SupplierInvoicesRoute() {
  useDocumentTitle('Supplier invoices');
  const canWrite = useCan('supplier_invoice.create');
  const seesAging = useCan('payables_report.view');
  return (
    <>
      <PageHeader
        title="Supplier invoices"
        actions={
          <div className="flex flex-wrap gap-2">
            {seesAging ? (
              <Link to="/supplier-invoices/aging" className={secondaryLinkClass}>
                Payables aging
              </Link>
            ) : null}
            {canWrite ? (
              <Link to="/supplier-invoices/upload" className={primaryLinkClass}>
                Upload an invoice
              </Link>
            ) : null}
          </div>
        }
      />
      <SupplierInvoicesList invoiceHref={(i) => `/supplier-invoices/${i.id}`} />
    </>
  );
}
