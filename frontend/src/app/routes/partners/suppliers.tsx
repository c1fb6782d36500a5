import { Link } from 'react-router';

import { SuppliersList } from '@/features/partners/components/suppliers-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

export default function SuppliersRoute() {
  useDocumentTitle('Suppliers');
  const canEdit = useCan('supplier.create');
  return (
    <>
      {canEdit ? (
        <div className="mb-3 flex justify-end">
          <Link to="/partners/suppliers/new" className="inline-flex h-8 items-center rounded-md bg-brand-700 px-3 text-sm font-medium text-white hover:bg-brand-800 dark:bg-brand-600">
            New supplier
          </Link>
        </div>
      ) : null}
      <SuppliersList supplierHref={(supplier) => `/partners/suppliers/${supplier.id}`} />
    </>
  );
}
