import { MutationCache, QueryClient } from '@tanstack/react-query';

import { isApiError } from './api-error';

/** Client errors (4xx) are answers, not hiccups: retry only network and server failures. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * Every change a person makes is written to the audit trail, often on more records than the
 * one they acted on (a receipt changes its order, a payment its invoice): after any successful
 * change every history panel on screen reloads, so none goes stale.
 */
export const LIVE_AFTER_CHANGE: readonly (readonly string[])[] = [['history']];

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onSuccess: () => {
        for (const queryKey of LIVE_AFTER_CHANGE) void client.invalidateQueries({ queryKey });
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  return client;
}
