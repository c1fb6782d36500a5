import { Alert } from '@/components/ui/alert';

import { useSsoProviders } from '../api/get-sso-providers';

/** What went wrong, by the ``sso_error`` code the server sends the browser back with. */
export const SSO_ERRORS: Record<string, string> = {
  sso_bad_state: 'The sign-in took too long or was started in another browser. Please try again.',
  sso_bad_token: 'The sign-in provider’s answer could not be verified. Please try again.',
  sso_token_failed: 'The sign-in provider did not confirm the sign-in. Please try again.',
  sso_email_unverified: 'Your e-mail address is not verified with the sign-in provider.',
  sso_domain_refused: 'Accounts of your e-mail domain cannot sign in here.',
  sso_account_inactive: 'Your account is deactivated. Ask an administrator.',
  sso_provider_refused: 'The sign-in was cancelled or refused by the provider.',
  sso_provider_unavailable: 'The sign-in provider cannot be reached right now.',
};

/** Buttons for the configured identity providers, and the reason a single sign-on failed. */
export function SsoSignIn({ next, error }: { next: string; error: string | null }) {
  const config = useSsoProviders();
  const providers = config.data?.providers ?? [];
  return (
    <div className="space-y-3">
      {error ? <Alert>{SSO_ERRORS[error] ?? 'Single sign-on failed. Please try again.'}</Alert> : null}
      {providers.length > 0 ? (
        <div className="space-y-2" role="group" aria-label="Single sign-on">
          <p className="text-center text-sm text-slate-600 dark:text-slate-400">or</p>
          {providers.map((provider) => (
            <a
              key={provider.id}
              href={`${provider.start_url}?${new URLSearchParams({ next }).toString()}`}
              className="flex h-10 w-full items-center justify-center rounded-md border border-slate-300 bg-white text-sm font-medium text-slate-900 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
            >
              Sign in with {provider.name}
            </a>
          ))}
        </div>
      ) : null}
      {config.data && !config.data.password_sign_in ? (
        <p className="text-center text-xs text-slate-600 dark:text-slate-400">Password sign-in is kept for administrators only.</p>
      ) : null}
    </div>
  );
}
