import { Link } from 'react-router';

import { ProductsList } from '@/features/catalog/components/products-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';

const linkButton =
  'inline-flex h-8 items-center rounded-md px-3 text-sm font-medium';

export default function ProductsRoute() {
  useDocumentTitle('Products');
  const canEdit = useCan('product.create');
  return (
    <ProductsList
      showCosts
      productHref={(product) => `/stock/products/${product.id}`}
      actions={
        canEdit ? (
          <>
            <Link to="/stock/import" className={`${linkButton} border border-slate-300 bg-white hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800`}>
              Import CSV
            </Link>
            <Link to="/stock/products/new" className={`${linkButton} bg-brand-700 text-white hover:bg-brand-800 dark:bg-brand-600`}>
              New product
            </Link>
          </>
        ) : null
      }
    />
  );
}
