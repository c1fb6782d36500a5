import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';

import { workQueueQueryOptions } from '@/features/work-queue/api/get-work-queue';

let home: ComponentType | null = null;

/** The home page's code: one chunk, fetched while the sign-in form is on screen. */
export const loadHome = () =>
  import('./dashboard').then((module) => {
    home = module.default;
    return module;
  });

/** The home page once its code has arrived, null before. */
export const loadedHome = (): ComponentType | null => home;

/**
 * Right after sign-in, the home page's work queue is requested at once, while the page itself is
 * being set up, instead of after it mounts (which would put the request behind the navigation
 * and the page's code). The page then reads the same query from the cache.
 */
export function prefetchHome(queryClient: QueryClient): void {
  void loadHome();
  void queryClient.prefetchQuery(workQueueQueryOptions());
}
