import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';

import { useSetPasswordSignIn, useSignInPolicy } from '../api/sign-in-policy';

/** Whether people may sign in with a password, or with single sign-on only. */
export function SignInPolicyPanel() {
  const policy = useSignInPolicy();
  const change = useSetPasswordSignIn();
  const [error, setError] = useState<string | null>(null);
  const set = async (on: boolean) => {
    setError(null);
    try {
      await change.mutateAsync(on);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <QueryState query={policy} what="the sign-in policy">
      {(data) => (
        <Card title="Password sign-in">
          <div className="space-y-3 text-sm">
            <p>
              {data.password_sign_in
                ? 'People may sign in with their e-mail and password'
                : 'Only single sign-on is accepted; administrators keep their password as the way back in'}
              {data.sso_providers.length ? ` — single sign-on: ${data.sso_providers.join(', ')}.` : '.'}
            </p>
            {data.updated_at ? (
              <p className="text-slate-600 dark:text-slate-400">
                Last changed {formatDateTime(data.updated_at)}
                {data.updated_by ? ` by ${data.updated_by}` : ''}.
              </p>
            ) : null}
            {!data.can_disable_password_sign_in ? (
              <Alert tone="info">Configure a single sign-on provider before turning password sign-in off, so nobody is locked out.</Alert>
            ) : null}
            {error ? <Alert tone="error">{error}</Alert> : null}
            {data.password_sign_in ? (
              <Button
                variant="danger"
                disabled={!data.can_disable_password_sign_in}
                busy={change.isPending}
                onClick={() => void set(false)}
              >
                Allow single sign-on only
              </Button>
            ) : (
              <Button busy={change.isPending} onClick={() => void set(true)}>
                Allow password sign-in again
              </Button>
            )}
          </div>
        </Card>
      )}
    </QueryState>
  );
}
