import { useNavigate } from 'react-router';

import { Card } from '@/components/ui/card';
import { toast } from '@/components/ui/toast';
import { ProductForm } from '@/features/catalog/components/product-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ProductNewRoute() {
  useDocumentTitle('New product');
  const navigate = useNavigate();
  return (
    <Card title="New product">
      <ProductForm
        onSaved={(product) => {
          toast.success(`Product ${product.sku} created.`);
          void navigate('/stock');
        }}
        onCancel={() => void navigate('/stock')}
      />
    </Card>
  );
}
