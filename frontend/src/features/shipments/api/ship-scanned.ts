import { useQueries, useMutation, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import type { ScannedCase } from '@/lib/case-labels';

import type { Shipment } from './ship-order';

export type PickLot = Pick<components['schemas']['Lot'], 'id' | 'code' | 'product' | 'use_by' | 'on_hand' | 'weight_on_hand'>;

/** What the picker needs of an order line. */
export interface ShippingLine {
  id: number;
  line_no: number;
  product: string;
  sku: string;
  unit: string;
  quantity_reserved: string;
}

/** Lots of each product with stock, first-expiring first: the order to pick cases in. */
export function usePickLots(products: readonly string[]) {
  return useQueries({
    queries: products.map((product) => ({
      queryKey: ['shipments', 'pick-lots', product],
      queryFn: async (): Promise<PickLot[]> =>
        dataOf(await apiClient.GET('/api/v1/lots/', { params: { query: { product, ordering: 'use_by', page_size: 50 } } })).results.filter(
          (lot) => Number(lot.on_hand) > 0,
        ),
    })),
  });
}

export interface PickedCase {
  line: ShippingLine;
  scanned: ScannedCase;
}

/** Which order line a scanned case ships on, or why it cannot: a product not on the order, or
 * every reserved case of it already scanned. */
export function lineForCase(lines: readonly ShippingLine[], picked: readonly PickedCase[], scanned: ScannedCase): ShippingLine | string {
  const candidates = lines.filter((line) => line.product === scanned.product);
  if (candidates.length === 0) return `${scanned.product_sku} is not on this order.`;
  for (const line of candidates) {
    const taken = picked.filter((item) => item.line.id === line.id).length;
    if (taken < Number(line.quantity_reserved)) return line;
  }
  const reserved = candidates.reduce((sum, line) => sum + Number(line.quantity_reserved), 0);
  return `All ${reserved} reserved case(s) of ${scanned.product_sku} are already scanned.`;
}

/** A note when the scanned lot is not the first to expire among the lots still on hand. */
export function fefoNote(lots: readonly PickLot[], picked: readonly PickedCase[], scanned: ScannedCase): string | undefined {
  const remaining = (lot: PickLot) => Number(lot.on_hand) - picked.filter((item) => item.scanned.lot === lot.id).length;
  const first = lots.find((lot) => lot.product === scanned.product && remaining(lot) > 0 && lot.use_by);
  if (!first || first.id === scanned.lot || !scanned.use_by || !first.use_by || first.use_by >= scanned.use_by) return undefined;
  return `Lot ${scanned.lot_code} is not the first to expire: lot ${first.code} has a use-by of ${first.use_by}.`;
}

export interface ShipScannedInput {
  carrier: string;
  tracking_number: string;
  picked: readonly PickedCase[];
}

/** Ship exactly the scanned cases: one shipment line per case with its lot and net weight. */
export async function shipScanned(order: number, input: ShipScannedInput): Promise<Shipment> {
  return dataOf(
    await apiClient.POST('/api/v1/sales-orders/{id}/ship/', {
      params: { path: { id: order } },
      body: {
        carrier: input.carrier ? Number(input.carrier) : null,
        tracking_number: input.tracking_number,
        notes: 'Shipped by scanning case labels',
        lines: input.picked.map((item) => ({
          order_line: item.line.id,
          quantity: '1',
          lot: item.scanned.lot,
          weight: item.scanned.net_weight,
        })),
      },
    }),
  );
}

export function useShipScanned(order: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ShipScannedInput) => shipScanned(order, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['sales-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['shipments'] });
      void queryClient.invalidateQueries({ queryKey: ['lots'] });
    },
  });
}
