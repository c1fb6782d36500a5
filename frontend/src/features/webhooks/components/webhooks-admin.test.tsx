import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { WebhooksAdmin } from './webhooks-admin';

const EVENTS = [
  { type: 'purchase_order.issued', description: 'A purchase order was issued.', version: 1 },
  { type: 'goods.received', description: 'Goods were received.', version: 1 },
  { type: 'ping', description: 'Test.', version: 1 },
];
const DELIVERY = {
  id: 'd1',
  endpoint: 1,
  endpoint_url: 'https://erp.example.com/hook',
  event_id: 'e1',
  event_type: 'purchase_order.issued',
  status: 'failed',
  attempts: 8,
  next_attempt_at: null,
  last_status_code: 500,
  last_error: 'HTTP 500',
  delivered_at: null,
  redelivery_of: null,
  created_at: '2026-03-01T10:00:00Z',
  payload: {},
  log: [],
};

describe('WebhooksAdmin', () => {
  it('shows the log, redelivers, and refuses a private address with the server message', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/webhook-events/': () => json(EVENTS),
      'GET /api/v1/webhook-endpoints/': () => json({ count: 0, next: null, previous: null, results: [] }),
      'GET /api/v1/webhook-deliveries/': () => json({ count: 1, next: null, previous: null, results: [DELIVERY] }),
      'POST /api/v1/webhook-deliveries/d1/redeliver/': () => json({ ...DELIVERY, id: 'd2', status: 'pending' }, { status: 202 }),
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'POST /api/v1/webhook-endpoints/': () =>
        problem(400, { code: 'webhook_url_refused', detail: 'refused', errors: { url: ['10.0.0.5 is a private or internal address.'] } }),
    });
    renderWithProviders(<WebhooksAdmin />);
    const user = userEvent.setup();

    const log = await screen.findByRole('table', { name: 'Deliveries' });
    expect(await within(log).findByText('500')).toBeInTheDocument();
    await user.click(within(log).getByRole('button', { name: 'Redeliver' }));
    await waitFor(() => expect(calls.map((c) => `${c.method} ${c.path}`)).toContain('POST /api/v1/webhook-deliveries/d1/redeliver/'));

    await user.type(screen.getByLabelText(/Receiver URL/), 'http://10.0.0.5/hook');
    await user.click(await screen.findByLabelText('purchase_order.issued'));
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));

    expect(await screen.findByText('10.0.0.5 is a private or internal address.')).toBeInTheDocument();
    expect(screen.queryByTestId('webhook-secret')).not.toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toContain('/api/v1/webhook-endpoints/');
  });

  it('shows the signing secret once after creating an endpoint', async () => {
    installFakeFetch({
      'GET /api/v1/webhook-events/': () => json(EVENTS),
      'GET /api/v1/webhook-endpoints/': () => json({ count: 0, next: null, previous: null, results: [] }),
      'GET /api/v1/webhook-deliveries/': () => json({ count: 0, next: null, previous: null, results: [] }),
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'POST /api/v1/webhook-endpoints/': () =>
        json(
          { id: 1, url: 'https://erp.example.com/hook', description: '', events: ['purchase_order.issued'], is_active: true, disabled_reason: '', consecutive_failures: 0, created_at: '', updated_at: '', secret: 'whsec_abc' },
          { status: 201 },
        ),
    });
    renderWithProviders(<WebhooksAdmin />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText(/Receiver URL/), 'https://erp.example.com/hook');
    await user.click(await screen.findByLabelText('purchase_order.issued'));
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));

    expect(await screen.findByTestId('webhook-secret')).toHaveTextContent('whsec_abc');
  });
});
