import { Link } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { SupplierInvoicesList } from '@/features/supplier-invoices/components/supplier-invoices-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';
import { primaryLinkClass } from './shared';

export default function SupplierInvoicesRoute() {
  useDocumentTitle('Supplier invoices');
  const canWrite = useCan('supplier_invoice.create');
  return (
    <>
      <PageHeader
        title="Supplier invoices"
        actions={
          canWrite ? (
            <Link to="/supplier-invoices/upload" className={primaryLinkClass}>
              Upload an invoice
            </Link>
          ) : null
        }
      />
      <SupplierInvoicesList invoiceHref={(i) => `/supplier-invoices/${i.id}`} />
    </>
  );
}
