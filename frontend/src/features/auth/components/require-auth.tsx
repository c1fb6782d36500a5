import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';

import { useMe } from '../api/get-me';
import { useSessionStore } from '../stores/session-store';
import { loginPath } from '../login-path';

/** Lets signed-in people through; sends everyone else to sign in, remembering where they were. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const status = useSessionStore((state) => state.status);
  const redirectTo = useSessionStore((state) => state.redirectTo);
  const me = useMe();

  if (status === 'authenticated') return children;
  if (status === 'anonymous') {
    // Prefer the target set when the session ended: this tree may still show the page being
    // left while the next one loads, so its location can be out of date.
    return <Navigate to={redirectTo ?? loginPath(location.pathname + location.search + location.hash)} replace />;
  }
  if (me.isError) {
    return (
      <div role="alert" className="flex min-h-screen flex-col items-center justify-center gap-4 p-6 text-center">
        <p>We could not reach Procura. Check your connection and try again.</p>
        <Button onClick={() => void me.refetch()} busy={me.isFetching}>
          Try again
        </Button>
      </div>
    );
  }
  return (
    <div className="flex min-h-screen items-center justify-center">
      <Spinner size="lg" label="Checking your session…" />
    </div>
  );
}
