import { useQuery } from '@tanstack/react-query';

import type { components } from '@/api/schema';
import { apiClient, dataOf } from '@/lib/api-client';

export type SsoConfig = components['schemas']['SsoConfig'];

export function useSsoProviders() {
  return useQuery({
    queryKey: ['sso', 'providers'],
    queryFn: async () => dataOf(await apiClient.GET('/api/v1/auth/sso/providers/')),
    staleTime: 5 * 60_000,
  });
}
