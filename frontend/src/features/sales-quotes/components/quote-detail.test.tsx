import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { resetApiClientState } from '@/lib/api-client';
import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { QuoteDetail } from './quote-detail';
import { QuoteForm } from './quote-form';

const QUOTE = {
  id: 3,
  number: 'QT-2026-000003',
  customer: 9,
  customer_name: 'HEB Grocery',
  status: 'sent',
  quote_date: '2026-12-06',
  valid_until: '2026-12-20',
  currency: 'USD',
  total: '271.17',
  subtotal: '250.50',
  tax_total: '20.67',
  sales_order: null,
  sales_order_number: '',
  location: 1,
  location_code: 'WH-1',
  customer_reference: 'RFQ-77',
  notes: '',
  sent_at: '2026-12-06T10:00:00Z',
  sent_to: 'pat@customer.example',
  decided_at: null,
  decline_reason: '',
  created_at: '2026-12-06T10:00:00Z',
  lines: [
    { id: 1, line_no: 1, product: 'p1', product_sku: 'BEEF-1', description: 'Ribeye', quantity: '25.000', unit: 'lb', price_unit: '', unit_price: '8.5000', price_source: 'price list HEB 2026 (from 20)', discount_percent: '0.00', tax_rate: '8.2500', net_amount: '212.50', tax_amount: '17.53' },
  ],
};
const RIGHTS = { send: true, accept: true, decline: true };
const page = (results: unknown[]) => json({ count: results.length, next: null, previous: null, results });

beforeEach(() => {
  resetApiClientState();
  document.cookie = 'csrftoken=t';
});
afterEach(() => vi.unstubAllGlobals());

describe('QuoteDetail', () => {
  it('shows each price with its source and accepts into a sales order with the customer PO number', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/sales-quotes/3/': () => json(QUOTE),
      'POST /api/v1/sales-quotes/3/accept/': () => json({ ...QUOTE, status: 'accepted', sales_order: 41, sales_order_number: 'SO-2026-000041' }),
    });
    const onAccepted = vi.fn();
    renderWithProviders(<QuoteDetail id={3} rights={RIGHTS} orderHref={(id) => `/sales-orders/${id}`} onAccepted={onAccepted} />);
    const lines = await screen.findByRole('table', { name: 'Quoted lines' }, { timeout: 5000 });
    expect(within(lines).getByText('price list HEB 2026 (from 20)')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    const reference = screen.getByLabelText(/Customer's PO number/);
    expect(reference).toHaveValue('RFQ-77');
    await user.clear(reference);
    await user.type(reference, 'PO-5531');
    await user.click(screen.getByRole('button', { name: 'Accept and make the order' }));
    await expect.poll(() => onAccepted.mock.calls.length).toBe(1);
    expect(onAccepted).toHaveBeenCalledWith(41);
    expect(JSON.parse(fake.calls.find((c) => c.method === 'POST')?.body ?? '{}')).toEqual({ customer_reference: 'PO-5531' });
  }, 20_000);

  it('shows why an expired quote cannot be accepted', async () => {
    installFakeFetch({
      'GET /api/v1/sales-quotes/3/': (_request, call) => json(call === 0 ? QUOTE : { ...QUOTE, status: 'expired' }),
      'POST /api/v1/sales-quotes/3/accept/': () =>
        problem(409, { detail: 'Quote QT-2026-000003 was valid until 2026-12-05; make a new quote.', code: 'quote_expired', errors: { valid_until: ['Quote QT-2026-000003 was valid until 2026-12-05; make a new quote.'] } }),
    });
    renderWithProviders(<QuoteDetail id={3} rights={RIGHTS} orderHref={(id) => `/sales-orders/${id}`} onAccepted={() => undefined} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Accept' }, { timeout: 5000 }));
    await user.click(screen.getByRole('button', { name: 'Accept and make the order' }));
    expect(await screen.findByText(/was valid until 2026-12-05/)).toBeInTheDocument();
  }, 20_000);
});

describe('QuoteForm', () => {
  it('sends the lines and puts the server errors next to the line they concern', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/customers/': () => page([{ id: 9, name: 'HEB Grocery' }]),
      'GET /api/v1/locations/': () => page([{ id: 1, code: 'WH-1', name: 'Cold store' }]),
      'GET /api/v1/products/': () => page([{ id: 'p1', sku: 'BEEF-1', name: 'Ribeye' }]),
      'POST /api/v1/sales-quotes/': () => problem(400, { detail: 'Invalid input.', errors: { 'lines.0.product': ['Product BEEF-1 is inactive.'] } }),
    });
    renderWithProviders(<QuoteForm onCreated={() => undefined} onCancel={() => undefined} />);
    const user = userEvent.setup();
    await screen.findByRole('option', { name: 'HEB Grocery' }, { timeout: 5000 });
    await user.selectOptions(screen.getByRole('combobox', { name: /^Customer/ }), '9');
    await screen.findByRole('option', { name: 'WH-1 — Cold store' });
    await user.selectOptions(screen.getByLabelText(/^Ships from/), '1');
    await screen.findByRole('option', { name: 'BEEF-1 — Ribeye' });
    await user.selectOptions(screen.getByLabelText(/^Product 1/), 'p1');
    await user.type(screen.getByLabelText(/^Quantity 1/), '25');
    await user.click(screen.getByRole('button', { name: 'Create quote' }));
    expect(await screen.findByText('Product BEEF-1 is inactive.')).toBeInTheDocument();
    const body = JSON.parse(fake.calls.find((c) => c.method === 'POST')?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ customer: 9, location: 1, lines: [{ product: 'p1', quantity: '25' }] });
  }, 20_000);
});
