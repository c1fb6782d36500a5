import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type WebhookEndpoint = components['schemas']['WebhookEndpoint'];
export type WebhookEndpointWithSecret = components['schemas']['WebhookEndpointSecret'];
export type WebhookDelivery = components['schemas']['WebhookDelivery'];
export type WebhookEventType = components['schemas']['WebhookEventType'];
export type WebhookEventName = components['schemas']['WebhookEventTypeEnum'];

const KEY = ['webhooks'] as const;

export const endpointInputSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'Enter the receiver address.')
    .regex(/^https?:\/\//i, 'Use an http:// or https:// address.'),
  description: z.string().trim().max(200),
  events: z.array(z.string()).min(1, 'Choose at least one event.'),
});
export type EndpointInput = z.infer<typeof endpointInputSchema>;

export function useWebhookEvents() {
  return useQuery({ queryKey: [...KEY, 'events'], queryFn: async () => dataOf(await apiClient.GET('/api/v1/webhook-events/')) });
}

export function useWebhookEndpoints() {
  return useQuery({
    queryKey: [...KEY, 'endpoints'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/webhook-endpoints/', { params: { query: { page_size: 200 } } })).results,
  });
}

export function useWebhookDeliveries(query: { page: number; endpoint?: number | undefined; status?: string | undefined }) {
  return useQuery({
    queryKey: [...KEY, 'deliveries', query],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/webhook-deliveries/', { params: { query: { ...query, page_size: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: EndpointInput) =>
      dataOf(
        await apiClient.POST('/api/v1/webhook-endpoints/', {
          body: { url: input.url, description: input.description, events: input.events as WebhookEventName[] },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

type EndpointAction = 'enable' | 'disable' | 'ping' | 'rotate-secret' | 'delete';

export function useEndpointAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action }: { id: number; action: EndpointAction }): Promise<WebhookEndpointWithSecret | null> => {
      const options = { params: { path: { id } } };
      switch (action) {
        case 'enable':
          await apiClient.POST('/api/v1/webhook-endpoints/{id}/enable/', options);
          return null;
        case 'disable':
          await apiClient.POST('/api/v1/webhook-endpoints/{id}/disable/', options);
          return null;
        case 'ping':
          await apiClient.POST('/api/v1/webhook-endpoints/{id}/ping/', options);
          return null;
        case 'rotate-secret':
          return dataOf(await apiClient.POST('/api/v1/webhook-endpoints/{id}/rotate-secret/', options));
        case 'delete':
          await apiClient.DELETE('/api/v1/webhook-endpoints/{id}/', options);
          return null;
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRedeliver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => dataOf(await apiClient.POST('/api/v1/webhook-deliveries/{id}/redeliver/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...KEY, 'deliveries'] }),
  });
}
