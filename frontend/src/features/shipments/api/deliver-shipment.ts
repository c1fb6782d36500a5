import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiClient, dataOf } from '@/lib/api-client';

import type { Shipment } from './ship-order';

/** Record the delivery of a shipment; the order is delivered once all its shipments are. */
export async function deliverShipment(id: number, deliveredDate: string | null): Promise<Shipment> {
  return dataOf(await apiClient.POST('/api/v1/shipments/{id}/deliver/', { params: { path: { id } }, body: { delivered_date: deliveredDate } }));
}

export function useDeliverShipment(id: number, order: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveredDate: string | null) => deliverShipment(id, deliveredDate),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['shipments'] }),
        queryClient.invalidateQueries({ queryKey: ['sales-orders', 'detail', order] }),
        queryClient.invalidateQueries({ queryKey: ['sales-orders', 'list'] }),
      ]),
  });
}
