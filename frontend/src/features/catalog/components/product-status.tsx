import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';

import type { Product } from '../api/get-products';
import { useSetProductActive } from '../api/set-product-active';

/** Active badge with deactivate (confirmed) / reactivate. */
export function ProductStatus({ product, canEdit }: { product: Product; canEdit: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const setActive = useSetProductActive();
  const change = async (active: boolean) => {
    try {
      await setActive.mutateAsync({ id: product.id, active });
      toast.success(active ? `${product.sku} is active again.` : `${product.sku} is deactivated.`);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setConfirming(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      {product.is_active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
      {canEdit ? (
        product.is_active ? (
          <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
            Deactivate
          </Button>
        ) : (
          <Button variant="secondary" size="sm" busy={setActive.isPending} onClick={() => void change(true)}>
            Reactivate
          </Button>
        )
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Deactivate ${product.sku}?`}
        description="It can no longer be ordered or sold. Orders that use it keep it, and you can reactivate it later."
        confirmLabel="Deactivate"
        tone="danger"
        busy={setActive.isPending}
        onConfirm={() => void change(false)}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
