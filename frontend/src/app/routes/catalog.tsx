import { PageHeader } from '@/components/layouts/page-header';
import { ProductsList } from '@/features/catalog/components/products-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

/** The customer's catalog: active products and list prices, no costs or stock. */
export default function CatalogRoute() {
  useDocumentTitle('Catalog');
  return (
    <>
      <PageHeader title="Catalog" description="Our products and list prices." />
      <ProductsList showCosts={false} />
    </>
  );
}
