import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';

import { ThemeToggle } from '@/components/theme-toggle';
import { Card } from '@/components/ui/card';
import { useMe } from '@/features/auth/api/get-me';
import { LoginForm } from '@/features/auth/components/login-form';
import { isServerPage, safeNextPath } from '@/features/auth/login-path';
import { SsoSignIn } from '@/features/sso/components/sso-sign-in';
import { useSessionStore } from '@/features/auth/stores/session-store';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { loadHome, prefetchHome } from './home-preload';

/** A page the server renders (the API docs behind sign-in) is left to the browser to load. */
function ServerPage({ to }: { to: string }) {
  useEffect(() => window.location.replace(to), [to]);
  return null;
}

export default function LoginRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNextPath(params.get('next'));
  const status = useSessionStore((state) => state.status);
  const queryClient = useQueryClient();
  // Someone already signed in (another tab, a bookmark to /login) goes straight on when the
  // check answers; the form does not wait for it, since most people here are signed out.
  useMe();
  useDocumentTitle('Sign in');
  // Most sign-ins go home: its code loads while the person types.
  useEffect(() => {
    if (next === '/') void loadHome();
  }, [next]);

  const goOn = () => {
    if (isServerPage(next)) return window.location.replace(next);
    if (next === '/') prefetchHome(queryClient);
    void navigate(next, { replace: true });
  };

  if (status === 'authenticated') return isServerPage(next) ? <ServerPage to={next} /> : <Navigate to={next} replace />;

  return (
    <div className="flex min-h-screen flex-col bg-slate-50 dark:bg-slate-950">
      <div className="flex justify-end p-3">
        <ThemeToggle />
      </div>
      <main className="flex flex-1 items-start justify-center px-4 pb-16 pt-6 sm:items-center sm:pt-0">
        <div className="w-full max-w-sm">
          <div className="mb-6 text-center">
            <span
              aria-hidden="true"
              className="mb-3 inline-flex size-10 items-center justify-center rounded-lg bg-brand-700 text-lg font-semibold text-white"
            >
              P
            </span>
            <h1 className="text-2xl font-semibold tracking-tight">Sign in to Procura</h1>
          </div>
          <Card>
            <LoginForm onSuccess={goOn} />
            <div className="mt-4">
              <SsoSignIn next={next} error={params.get('sso_error')} />
            </div>
          </Card>
        </div>
      </main>
    </div>
  );
}
