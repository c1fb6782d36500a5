import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Pagination } from '@/components/ui/pagination';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';
import { applyApiErrors } from '@/lib/form-errors';

import {
  endpointInputSchema,
  useCreateEndpoint,
  useEndpointAction,
  useRedeliver,
  useWebhookDeliveries,
  useWebhookEndpoints,
  useWebhookEvents,
  type EndpointInput,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '../api/webhooks';

const FIELDS = ['url', 'description', 'events'] as const;
const STATUS_TONE = { succeeded: 'success', failed: 'danger', retrying: 'warning', pending: 'info', sending: 'info' } as const;

function SecretNotice({ secret, onClose }: { secret: string; onClose: () => void }) {
  return (
    <Alert tone="warning">
      <p className="font-medium">Signing secret — copy it now, it is shown only once:</p>
      <code className="mt-1 block break-all" data-testid="webhook-secret">
        {secret}
      </code>
      <p className="mt-1 text-sm">
        Each request carries <code>Procura-Signature: t=…,v1=…</code>: HMAC-SHA256 of <code>t.body</code> with this secret.
      </p>
      <Button variant="ghost" size="sm" className="mt-2" onClick={onClose}>
        Done
      </Button>
    </Alert>
  );
}

function EndpointForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const events = useWebhookEvents();
  const create = useCreateEndpoint();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<EndpointInput>({ resolver: zodResolver(endpointInputSchema), defaultValues: { url: '', description: '', events: [] } });
  const submit = handleSubmit(async (values) => {
    try {
      const endpoint = await create.mutateAsync(values);
      reset();
      onCreated(endpoint.secret);
    } catch (error) {
      applyApiErrors(error, setError, FIELDS);
    }
  });
  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-3" aria-label="New webhook endpoint" noValidate>
      <Field label="Receiver URL" error={errors.url?.message} required hint="https:// address of the system to notify.">
        {(control) => <Input {...control} {...register('url')} placeholder="https://erp.example.com/hooks/procura" />}
      </Field>
      <Field label="Description" error={errors.description?.message}>
        {(control) => <Input {...control} {...register('description')} />}
      </Field>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Events</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {(events.data ?? [])
            .filter((e) => e.type !== 'ping')
            .map((e) => (
              <Checkbox key={e.type} value={e.type} label={<span title={e.description}>{e.type}</span>} {...register('events')} />
            ))}
        </div>
        {errors.events?.message ? <p className="text-sm text-red-700 dark:text-red-400">{errors.events.message}</p> : null}
      </fieldset>
      <Button type="submit" busy={isSubmitting}>
        Add endpoint
      </Button>
    </form>
  );
}

function EndpointActions({ endpoint, onSecret }: { endpoint: WebhookEndpoint; onSecret: (secret: string) => void }) {
  const run = useEndpointAction();
  const act = async (action: 'enable' | 'disable' | 'ping' | 'rotate-secret' | 'delete', done: string) => {
    if (action === 'delete' && !globalThis.confirm(`Delete the endpoint ${endpoint.url}?`)) return;
    try {
      const result = await run.mutateAsync({ id: endpoint.id, action });
      if (result) onSecret(result.secret);
      toast.success(done);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  return (
    <div className="flex flex-wrap gap-1">
      <Button size="sm" variant="secondary" disabled={!endpoint.is_active} onClick={() => void act('ping', 'Ping sent.')}>
        Ping
      </Button>
      {endpoint.is_active ? (
        <Button size="sm" variant="ghost" onClick={() => void act('disable', 'Endpoint disabled.')}>
          Disable
        </Button>
      ) : (
        <Button size="sm" variant="ghost" onClick={() => void act('enable', 'Endpoint enabled.')}>
          Enable
        </Button>
      )}
      <Button size="sm" variant="ghost" onClick={() => void act('rotate-secret', 'New secret issued.')}>
        New secret
      </Button>
      <Button size="sm" variant="danger" onClick={() => void act('delete', 'Endpoint deleted.')}>
        Delete
      </Button>
    </div>
  );
}

function DeliveryLog() {
  const [page, setPage] = useState(1);
  const deliveries = useWebhookDeliveries({ page });
  const redeliver = useRedeliver();
  const again = async (delivery: WebhookDelivery) => {
    try {
      await redeliver.mutateAsync(delivery.id);
      toast.success('Sent again.');
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  return (
    <>
      <Table
        caption="Deliveries"
        columns={[
          { key: 'created', header: 'When', cell: (d: WebhookDelivery) => formatDateTime(d.created_at) },
          { key: 'event', header: 'Event', cell: (d: WebhookDelivery) => <code>{d.event_type}</code> },
          { key: 'endpoint', header: 'Endpoint', cell: (d: WebhookDelivery) => <span className="break-all">{d.endpoint_url}</span> },
          { key: 'status', header: 'Status', cell: (d: WebhookDelivery) => <Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge> },
          { key: 'attempts', header: 'Attempts', align: 'right', cell: (d: WebhookDelivery) => d.attempts },
          { key: 'code', header: 'Response', cell: (d: WebhookDelivery) => d.last_status_code ?? (d.last_error || '—') },
          {
            key: 'actions',
            header: '',
            cell: (d: WebhookDelivery) => (
              <Button size="sm" variant="secondary" onClick={() => void again(d)}>
                Redeliver
              </Button>
            ),
          },
        ]}
        rows={deliveries.data?.results}
        rowKey={(d) => d.id}
        isLoading={deliveries.isPending}
        error={deliveries.isError ? `Could not load deliveries. ${errorMessage(deliveries.error)}` : null}
        onRetry={() => void deliveries.refetch()}
        emptyMessage="Nothing sent yet."
      />
      <Pagination page={page} pageSize={20} count={deliveries.data?.count} onPageChange={setPage} label="Delivery pages" />
    </>
  );
}

/** Endpoints other systems receive events on, and the log of what was sent. */
export function WebhooksAdmin() {
  const endpoints = useWebhookEndpoints();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="space-y-8">
      {secret ? <SecretNotice secret={secret} onClose={() => setSecret(null)} /> : null}
      <section aria-labelledby="webhook-endpoints" className="space-y-3">
        <h2 id="webhook-endpoints" className="text-base font-semibold">
          Endpoints
        </h2>
        <Table
          caption="Webhook endpoints"
          columns={[
            { key: 'url', header: 'URL', cell: (e: WebhookEndpoint) => <span className="break-all">{e.url}</span> },
            { key: 'events', header: 'Events', cell: (e: WebhookEndpoint) => e.events.join(', ') },
            {
              key: 'state',
              header: 'State',
              cell: (e: WebhookEndpoint) =>
                e.is_active ? <Badge tone="success">active</Badge> : <span title={e.disabled_reason}><Badge tone="danger">disabled</Badge></span>,
            },
            { key: 'actions', header: '', cell: (e: WebhookEndpoint) => <EndpointActions endpoint={e} onSecret={setSecret} /> },
          ]}
          rows={endpoints.data}
          rowKey={(e) => e.id}
          isLoading={endpoints.isPending}
          error={endpoints.isError ? `Could not load endpoints. ${errorMessage(endpoints.error)}` : null}
          onRetry={() => void endpoints.refetch()}
          emptyMessage="No endpoints yet."
        />
        <EndpointForm onCreated={setSecret} />
      </section>
      <section aria-labelledby="webhook-deliveries" className="space-y-3">
        <h2 id="webhook-deliveries" className="text-base font-semibold">
          Delivery log
        </h2>
        <DeliveryLog />
      </section>
    </div>
  );
}
