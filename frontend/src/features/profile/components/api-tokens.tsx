import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';

import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';
import { formatDateTime } from '@/lib/format';

import { tokenInputSchema, useCreateToken, useRevokeToken, useTokens, type ApiToken, type ApiTokenCreated, type TokenInput } from '../api/api-tokens';

/** Shows a new token once, with a copy button; it cannot be shown again. */
export function NewTokenNotice({ token, onDismiss }: { token: ApiTokenCreated; onDismiss: () => void }) {
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      toast.success('Token copied.');
    } catch {
      toast.error('Copying failed: select the token and copy it yourself.');
    }
  };
  return (
    <Alert tone="warning" className="space-y-2">
      <p className="font-medium">Copy the token “{token.name}” now: it will not be shown again.</p>
      <label htmlFor={id} className="sr-only">
        Your new token
      </label>
      <div className="flex flex-wrap gap-2">
        <Input id={id} readOnly value={token.token} className="min-w-0 flex-1 font-mono text-xs" onFocus={(event) => event.target.select()} />
        <Button size="md" variant="secondary" onClick={() => void copy()}>
          Copy
        </Button>
        <Button size="md" variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
      <p className="text-xs">Send it as “Authorization: Bearer &lt;token&gt;”.</p>
    </Alert>
  );
}

export function ApiTokens() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<TokenInput>({ resolver: zodResolver(tokenInputSchema), defaultValues: { name: '', expires_on: '' } });

  const submit = handleSubmit(async (values) => {
    try {
      setCreated(await create.mutateAsync(values));
      reset();
    } catch (error) {
      applyApiErrors(error, setError, ['name', 'expires_on'], { expires_at: 'expires_on' });
    }
  });

  const confirmRevoke = async () => {
    if (!revoking) return;
    try {
      await revoke.mutateAsync(revoking.id);
      toast.success(`Token “${revoking.name}” revoked.`);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setRevoking(null);
    }
  };

  return (
    <div className="space-y-4">
      {created ? <NewTokenNotice token={created} onDismiss={() => setCreated(null)} /> : null}
      <form onSubmit={submit} noValidate aria-label="New API token" className="flex flex-wrap items-start gap-3">
        <FormError message={errors.root?.server?.message} />
        <Field label="Token name" error={errors.name?.message} required className="min-w-56 flex-1">
          {(c) => <Input {...c} {...register('name')} />}
        </Field>
        <Field label="Expires on" error={errors.expires_on?.message} hint="Optional." className="min-w-40">
          {(c) => <Input {...c} type="date" {...register('expires_on')} />}
        </Field>
        <Button type="submit" busy={isSubmitting} className="mt-7">
          Create token
        </Button>
      </form>
      <Table
        caption="API tokens"
        columns={[
          { key: 'name', header: 'Name', cell: (t: ApiToken) => <span className="font-medium">{t.name}</span> },
          { key: 'prefix', header: 'Starts with', cell: (t: ApiToken) => <code>{t.prefix}…</code> },
          { key: 'created', header: 'Created', cell: (t: ApiToken) => formatDateTime(t.created_at) },
          { key: 'used', header: 'Last used', cell: (t: ApiToken) => (t.last_used_at ? formatDateTime(t.last_used_at) : 'Never') },
          { key: 'expires', header: 'Expires', cell: (t: ApiToken) => (t.expires_at ? formatDateTime(t.expires_at) : 'Never') },
          {
            key: 'state',
            header: 'State',
            cell: (t: ApiToken) => (t.revoked_at ? <Badge>Revoked</Badge> : t.is_usable ? <Badge tone="success">Usable</Badge> : <Badge tone="warning">Expired</Badge>),
          },
          {
            key: 'actions',
            header: <span className="sr-only">Actions</span>,
            cell: (t: ApiToken) =>
              t.revoked_at ? null : (
                <Button size="sm" variant="ghost" onClick={() => setRevoking(t)} aria-label={`Revoke ${t.name}`}>
                  Revoke
                </Button>
              ),
          },
        ]}
        rows={tokens.data}
        rowKey={(t) => t.id}
        isLoading={tokens.isPending}
        error={tokens.isError ? `Could not load your tokens. ${errorMessage(tokens.error)}` : null}
        onRetry={() => void tokens.refetch()}
        emptyMessage="You have no API tokens."
      />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        description="Anything using this token stops working at once. This cannot be undone."
        confirmLabel="Revoke"
        tone="danger"
        busy={revoke.isPending}
        onConfirm={() => void confirmRevoke()}
        onCancel={() => setRevoking(null)}
      />
    </div>
  );
}
