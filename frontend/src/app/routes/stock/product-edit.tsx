import { Link, useNavigate, useParams } from 'react-router';

import { HistoryPanel } from '@/components/history-panel';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { useProduct } from '@/features/catalog/api/get-product';
import { ProductForm } from '@/features/catalog/components/product-form';
import { ProductStatus } from '@/features/catalog/components/product-status';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { formatDateTime, formatMoney } from '@/lib/format';

import { useCan } from '../../use-can';

export default function ProductEditRoute() {
  const { productId = '' } = useParams();
  const product = useProduct(productId);
  const navigate = useNavigate();
  const canEdit = useCan('product.update');
  useDocumentTitle(product.data ? product.data.sku : 'Product');
  return (
    <QueryState query={product} what="the product">
      {(data) => (
        <div className="space-y-6">
          <p className="text-sm">
            <Link to="/stock" className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
              ← Products
            </Link>
          </p>
          <Card title={`${data.sku} — ${data.name}`} actions={<ProductStatus product={data} canEdit={canEdit} />}>
            {canEdit ? (
              <ProductForm
                key={data.updated_at}
                product={data}
                onSaved={(saved) => toast.success(`Product ${saved.sku} saved.`)}
                onCancel={() => void navigate('/stock')}
              />
            ) : (
              <DescriptionList
                items={[
                  { term: 'Category', value: data.category_name },
                  { term: 'Unit', value: data.unit },
                  { term: 'List price', value: formatMoney(data.list_price, data.currency) },
                  { term: 'Standard cost', value: data.standard_cost ? formatMoney(data.standard_cost, data.currency) : '—' },
                  { term: 'Tax category', value: data.tax_category_code },
                  { term: 'GTIN', value: data.gtin },
                  { term: 'Description', value: data.description },
                  { term: 'Updated', value: formatDateTime(data.updated_at) },
                ]}
              />
            )}
          </Card>
          <HistoryPanel source={{ resource: 'products', id: data.id, version: data.updated_at }} />
        </div>
      )}
    </QueryState>
  );
}
