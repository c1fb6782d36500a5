import type { QueryClient } from '@tanstack/react-query';

import { workQueueQueryOptions } from '@/features/work-queue/api/get-work-queue';

/** The home page's code: one chunk, fetched while the sign-in form is on screen. */
export const loadHome = () => import('./dashboard');

/**
 * Right after sign-in, the home page's work queue is requested at once, while the page itself is
 * being set up, instead of after it mounts (which would put the request behind the navigation
 * and the page's code). The page then reads the same query from the cache.
 */
export function prefetchHome(queryClient: QueryClient): void {
  void loadHome();
  void queryClient.prefetchQuery(workQueueQueryOptions());
}
