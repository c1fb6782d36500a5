import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type Shipment = components['schemas']['Shipment'];

export const shipSchema = z.object({
  carrier: z.string(),
  tracking_number: z.string().trim().max(64, 'Keep the tracking number under 64 characters.'),
  ship_date: z.string(),
  notes: z.string(),
});

export type ShipInput = z.infer<typeof shipSchema>;
export const SHIP_FIELDS = Object.keys(shipSchema.shape);

/** Ship everything still reserved on the order (stock is issued); returns the shipment. */
export async function shipOrder(order: number, input: ShipInput): Promise<Shipment> {
  return dataOf(
    await apiClient.POST('/api/v1/sales-orders/{id}/ship/', {
      params: { path: { id: order } },
      body: { carrier: input.carrier ? Number(input.carrier) : null, tracking_number: input.tracking_number, ship_date: input.ship_date || null, notes: input.notes },
    }),
  );
}

export function useShipOrder(order: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ShipInput) => shipOrder(order, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['sales-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['shipments'] });
    },
  });
}
