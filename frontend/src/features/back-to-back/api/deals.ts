import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';
import { decimalString, optionalDecimalString } from '@/lib/decimal';

export type Deal = components['schemas']['BackToBack'];
export type SupplierPlantOption = Pick<
  components['schemas']['SupplierPlant'],
  'id' | 'supplier' | 'supplier_code' | 'plant' | 'plant_code' | 'establishment_number' | 'approved_customers'
>;

/** The back-to-back deals of one sales order, with their figures (sale, purchase, landed,
 * freight, margin). */
export function useOrderDeals(order: number) {
  return useQuery({
    queryKey: ['back-to-back', 'order', order],
    queryFn: async () =>
      dataOf(await apiClient.GET('/api/v1/back-to-back-orders/', { params: { query: { sales_line__order: order, page_size: 200 } } })).results,
  });
}

/** Which supplier sells from which plant (and which customers approved that plant). */
export function useSupplierPlants() {
  return useQuery({
    queryKey: ['back-to-back', 'supplier-plants'],
    queryFn: async (): Promise<SupplierPlantOption[]> =>
      dataOf(await apiClient.GET('/api/v1/supplier-plant-mappings/', { params: { query: { page_size: 200 } } })).results,
    staleTime: 60_000,
  });
}

export type StoreOption = Pick<components['schemas']['Location'], 'id' | 'code' | 'name' | 'kind'>;

/** Where a cross-dock order can go through: active stores (cold stores and freezers first),
 * never an in-transit location. */
export function useCrossDockStores(enabled: boolean) {
  return useQuery({
    queryKey: ['back-to-back', 'cross-dock-stores'],
    queryFn: async (): Promise<StoreOption[]> => {
      const page = dataOf(await apiClient.GET('/api/v1/locations/', { params: { query: { is_active: true, page_size: 200, ordering: 'code' } } }));
      const rank = (kind: string | undefined) => (kind === 'cold_store' ? 0 : kind === 'freezer' ? 1 : 2);
      return page.results.filter((location) => location.kind !== 'transit').sort((a, b) => rank(a.kind) - rank(b.kind));
    },
    enabled,
    staleTime: 60_000,
  });
}

export const dealSchema = z
  .object({
    sales_line: z.string().min(1, 'Choose the sales line.'),
    mapping: z.string().min(1, 'Choose the supplier and plant.'),
    mode: z.enum(['drop_ship', 'cross_dock']),
    cross_dock_location: z.string(),
    unit_price: decimalString({ places: 4, label: 'a price' }),
    freight_cost: optionalDecimalString({ places: 2, label: 'an amount' }),
  })
  .superRefine((values, ctx) => {
    if (values.mode === 'cross_dock' && !values.cross_dock_location) {
      ctx.addIssue({ code: 'custom', path: ['cross_dock_location'], message: 'Choose the cold store the goods go through.' });
    }
  });

export type DealInput = z.infer<typeof dealSchema>;
export const DEAL_FIELDS = ['sales_line', 'mapping', 'mode', 'cross_dock_location', 'unit_price', 'freight_cost', 'supplier', 'plant'];

export function useCreateDeal(order: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, mapping }: { input: DealInput; mapping: SupplierPlantOption }) =>
      dataOf(
        await apiClient.POST('/api/v1/back-to-back-orders/', {
          body: {
            sales_line: Number(input.sales_line),
            supplier: mapping.supplier,
            plant: mapping.plant,
            mode: input.mode,
            cross_dock_location: input.mode === 'cross_dock' ? Number(input.cross_dock_location) : null,
            unit_price: input.unit_price,
            freight_cost: input.freight_cost || '0',
            exception_reason: '',
          },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['back-to-back', 'order', order] });
      void queryClient.invalidateQueries({ queryKey: ['purchase-orders'] });
    },
  });
}
