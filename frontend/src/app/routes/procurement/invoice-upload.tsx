import { Link, useNavigate } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { DocumentUpload } from '@/features/documents/components/document-upload';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { backLinkClass } from './shared';

export default function SupplierInvoiceUploadRoute() {
  useDocumentTitle('Upload a supplier invoice');
  const navigate = useNavigate();
  return (
    <>
      <p className="mb-2">
        <Link to="/supplier-invoices" className={backLinkClass}>
          ← Supplier invoices
        </Link>
      </p>
      <PageHeader title="Upload a supplier invoice" description="Procura reads the supplier, number, dates, amounts and lines; you check them next." />
      <Card className="max-w-2xl">
        <DocumentUpload onProcessed={(documentId) => void navigate(`/supplier-invoices/documents/${documentId}`)} />
      </Card>
    </>
  );
}
