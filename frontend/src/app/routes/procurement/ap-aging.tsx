import { Link } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { ApAgingTable } from '@/features/payables/components/ap-aging-table';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { backLinkClass } from './shared';

export default function ApAgingRoute() {
  useDocumentTitle('Payables aging');
  return (
    <>
      <p className="mb-2">
        <Link to="/supplier-invoices" className={backLinkClass}>
          ← Supplier invoices
        </Link>
      </p>
      <PageHeader title="Payables aging" description="Unpaid supplier invoices by days past due; a supplier opens their open invoices." />
      <ApAgingTable invoicesHref={(row) => `/supplier-invoices?search=${encodeURIComponent(row.supplier_name)}`} />
    </>
  );
}
