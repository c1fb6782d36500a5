import { useNavigate } from 'react-router';

import { Card } from '@/components/ui/card';
import { toast } from '@/components/ui/toast';
import { SupplierForm } from '@/features/partners/components/supplier-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function SupplierNewRoute() {
  useDocumentTitle('New supplier');
  const navigate = useNavigate();
  return (
    <Card title="New supplier">
      <SupplierForm
        onCancel={() => void navigate('/partners')}
        onSaved={(supplier) => {
          toast.success(`Supplier ${supplier.name} created.`);
          void navigate(`/partners/suppliers/${supplier.id}`);
        }}
      />
    </Card>
  );
}
