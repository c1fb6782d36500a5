import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { apiClient, dataOf } from '@/lib/api-client';
import { errorMessage } from '@/lib/api-error';

/** Turn the whole low-stock list into draft orders (or requests), one per preferred supplier. */
export function DraftReorders() {
  const draft = useMutation({
    mutationFn: async (kind: 'order' | 'request') => dataOf(await apiClient.POST('/api/v1/reorder-drafts/', { body: { kind } })),
  });
  return (
    <div className="mb-4 space-y-2">
      <div className="flex gap-2">
        <Button onClick={() => draft.mutate('order')} disabled={draft.isPending}>
          Draft purchase orders
        </Button>
        <Button variant="secondary" onClick={() => draft.mutate('request')} disabled={draft.isPending}>
          Draft purchase requests
        </Button>
      </div>
      {draft.isError ? <Alert>{errorMessage(draft.error)}</Alert> : null}
      {draft.data ? (
        <Alert tone="success">
          {draft.data.orders.map((o) => (
            <Link key={o.id} to={`/purchase-orders/${o.id}`} className="mr-2 underline">
              {o.number} ({o.supplier_name}, {o.total} {o.currency})
            </Link>
          ))}
          {draft.data.requests.map((r) => (
            <Link key={r.id} to={`/purchase-requests/${r.id}`} className="mr-2 underline">
              {r.number} ({r.supplier_name})
            </Link>
          ))}
          {draft.data.orders.length + draft.data.requests.length === 0 ? 'Nothing new to draft. ' : null}
          {draft.data.skipped.length ? `Skipped: ${draft.data.skipped.map((s) => `${s.product} (${s.reason})`).join(', ')}.` : null}
        </Alert>
      ) : null}
    </div>
  );
}
