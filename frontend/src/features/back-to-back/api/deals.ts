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

export const dealSchema = z.object({
  sales_line: z.string().min(1, 'Choose the sales line.'),
  mapping: z.string().min(1, 'Choose the supplier and plant.'),
  mode: z.enum(['drop_ship', 'cross_dock']),
  unit_price: decimalString({ places: 4, label: 'a price' }),
  freight_cost: optionalDecimalString({ places: 2, label: 'an amount' }),
});

export type DealInput = z.infer<typeof dealSchema>;
export const DEAL_FIELDS = [...Object.keys(dealSchema.shape), 'supplier', 'plant'];

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
