import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type ApiToken = components['schemas']['ApiToken'];
export type ApiTokenCreated = components['schemas']['ApiTokenCreated'];

const TOKENS_KEY = ['profile', 'tokens'] as const;

export const tokenInputSchema = z.object({
  name: z.string().trim().min(1, 'Name the token after what uses it, e.g. "ERP sync".').max(100),
  expires_on: z.string(),
});
export type TokenInput = z.infer<typeof tokenInputSchema>;

export async function getTokens(): Promise<ApiToken[]> {
  return dataOf(await apiClient.GET('/api/v1/auth/tokens/', { params: { query: { page_size: 200, ordering: '-created_at' } } })).results;
}

export const tokensQueryOptions = () => queryOptions({ queryKey: TOKENS_KEY, queryFn: getTokens });

export function useTokens() {
  return useQuery(tokensQueryOptions());
}

/** The token itself is in this response only; the caller must show it now. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TokenInput): Promise<ApiTokenCreated> =>
      dataOf(
        await apiClient.POST('/api/v1/auth/tokens/', {
          body: { name: input.name, expires_at: input.expires_on ? new Date(`${input.expires_on}T23:59:59`).toISOString() : null },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => {
      await apiClient.DELETE('/api/v1/auth/tokens/{id}/', { params: { path: { id } } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}
