import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, type ReactNode } from 'react';

import { Spinner } from '@/components/ui/spinner';
import { clearToastsOnNavigation, Toaster } from '@/components/ui/toast';
import { clearLocalSession } from '@/features/auth/api/logout';
import { useSessionEvents } from '@/features/auth/hooks/use-session-events';
import { loginPath } from '@/features/auth/login-path';
import { setSessionExpiredHandler } from '@/lib/api-client';

import type { AppRouter } from './router';

function currentPath(router: AppRouter): string {
  const { pathname, search, hash } = router.state.location;
  return pathname + search + hash;
}

/**
 * Connects the API client and other tabs to the session. Ending the session is all they do;
 * the route guard then moves the person to the sign-in page.
 */
function SessionWiring({ queryClient, router }: { queryClient: QueryClient; router: AppRouter }) {
  const signInPath = useCallback(() => loginPath(currentPath(router)), [router]);

  useEffect(
    () => setSessionExpiredHandler(() => clearLocalSession(queryClient, signInPath())),
    [queryClient, signInPath],
  );

  useSessionEvents(signInPath);

  // Messages belong to the page they were raised on.
  useEffect(() => {
    let lastPath = router.state.location.pathname;
    return router.subscribe((state) => {
      if (state.location.pathname === lastPath) return;
      lastPath = state.location.pathname;
      clearToastsOnNavigation();
    });
  }, [router]);
  return null;
}

export function AppProvider({
  queryClient,
  router,
  children,
}: {
  queryClient: QueryClient;
  router: AppRouter;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionWiring queryClient={queryClient} router={router} />
      <Suspense
        fallback={
          <div className="flex min-h-screen items-center justify-center">
            <Spinner size="lg" />
          </div>
        }
      >
        {children}
      </Suspense>
      <Toaster />
    </QueryClientProvider>
  );
}
