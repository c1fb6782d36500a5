import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { resetApiClientState } from '@/lib/api-client';
import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { useSalesOrder, type SalesOrder } from '../api/get-sales-order';
import { EditSalesOrderForm } from './edit-sales-order-form';

const ORDER = {
  id: 5,
  number: 'SO-000005',
  status: 'draft',
  customer_name: 'Main Street Grocers',
  location_code: 'CS1',
  currency: 'USD',
  requested_date: null,
  customer_reference: 'PO 778',
  notes: '',
  lines: [
    { id: 31, line_no: 1, product: 'p-1', sku: 'BF-1', description: 'Brisket, our cut', quantity: '10.000', unit: 'case', unit_price: '40.0000', discount_percent: '5.00' },
    { id: 32, line_no: 2, product: 'p-2', sku: 'PK-2', description: 'Pork loin', quantity: '2.000', unit: 'kg', unit_price: '8.1000', discount_percent: '0.00' },
  ],
} as unknown as SalesOrder;

const CHUCK = { id: 'p-3', sku: 'BF-3', name: 'Chuck roll', unit: 'case', list_price: '30.00', currency: 'USD', gtin: '' };

describe('EditSalesOrderForm', () => {
  beforeEach(() => {
    resetApiClientState();
    document.cookie = 'csrftoken=t';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the price of kept lines, sends another product as a new line and changes the draft', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/products/': () => json({ count: 1, results: [CHUCK] }),
      'PATCH /api/v1/sales-orders/5/': () => json(ORDER),
    });
    const saved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<EditSalesOrderForm order={ORDER} onSaved={saved} onCancel={() => undefined} />);
    expect(screen.getByRole('combobox', { name: 'Product, line 1' })).toHaveValue('BF-1 — Brisket, our cut (case)');
    // 10 x 40.00 less 5 % plus 2 x 8.10: what the lines were priced at.
    expect(screen.getByTestId('grid-total')).toHaveTextContent('$396.20');
    const quantity = screen.getByRole('textbox', { name: 'Quantity, line 1' });
    await user.clear(quantity);
    await user.type(quantity, '12');
    const product = screen.getByRole('combobox', { name: 'Product, line 2' });
    await user.clear(product);
    await user.type(product, 'chuck');
    await screen.findByRole('option', { name: /BF-3 — Chuck roll/ });
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    const sent = JSON.parse(fake.calls.find((call) => call.method === 'PATCH')?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toEqual({
      requested_date: null,
      customer_reference: 'PO 778',
      notes: '',
      lines: [
        { id: 31, product: 'p-1', quantity: '12', discount_percent: '5', description: 'Brisket, our cut' },
        { product: 'p-3', quantity: '2', discount_percent: '0', description: '' },
      ],
    });
  }, 30_000);
});

/** The order as the edit page reads it (a GET that carries the ETag), then the form. */
function EditPage({ forCustomer = false, onSaved }: { forCustomer?: boolean; onSaved: (order: SalesOrder) => void }) {
  const order = useSalesOrder(5);
  return order.data ? <EditSalesOrderForm order={order.data} forCustomer={forCustomer} onSaved={onSaved} onCancel={() => undefined} /> : null;
}

describe('EditSalesOrderForm on the portal and with another person editing', () => {
  beforeEach(() => {
    resetApiClientState();
    document.cookie = 'csrftoken=t';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lets a customer change their draft without staff fields and names the version it read', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/sales-orders/5/': () => json(ORDER, { headers: { ETag: '"v1"' } }),
      'PATCH /api/v1/sales-orders/5/': () => json(ORDER, { headers: { ETag: '"v2"' } }),
    });
    const saved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<EditPage forCustomer onSaved={saved} />);
    const reference = await screen.findByRole('textbox', { name: 'Your reference' });
    expect(screen.queryByRole('textbox', { name: /Discount/ })).toBeNull();
    expect(screen.queryByText('Customer')).toBeNull();
    await user.clear(reference);
    await user.type(reference, 'PO 779');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    const patch = fake.calls.find((call) => call.method === 'PATCH');
    expect(patch?.headers.get('If-Match')).toBe('"v1"');
    // Kept lines send their discount as it stands, which the server accepts from a customer.
    expect((JSON.parse(patch?.body ?? '{}') as { lines: unknown[]; customer_reference: string }).customer_reference).toBe('PO 779');
  }, 30_000);

  it('refuses to overwrite a change made meanwhile, then reloads the order as it is now', async () => {
    const changed = { ...ORDER, customer_reference: 'PO 900', lines: ORDER.lines.slice(0, 1) };
    const fake = installFakeFetch({
      'GET /api/v1/sales-orders/5/': (_request, index) => (index === 0 ? json(ORDER, { headers: { ETag: '"v1"' } }) : json(changed, { headers: { ETag: '"v2"' } })),
      'PATCH /api/v1/sales-orders/5/': (request) =>
        request.headers.get('If-Match') === '"v2"'
          ? json(changed, { headers: { ETag: '"v3"' } })
          : problem(412, { title: 'Precondition failed', detail: 'The object has changed since you read it; reload it and try again.', code: 'stale' }),
    });
    const saved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<EditPage onSaved={saved} />);
    const quantity = await screen.findByRole('textbox', { name: 'Quantity, line 1' });
    await user.clear(quantity);
    await user.type(quantity, '12');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const alert = await screen.findByText(/Someone else changed this order while you were editing it/);
    expect(saved).not.toHaveBeenCalled();
    // What the person typed stays until they choose to reload.
    expect(quantity).toHaveValue('12');
    await user.click(screen.getByRole('button', { name: 'Reload the latest version' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Customer reference' })).toHaveValue('PO 900'));
    expect(alert).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Quantity, line 2' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(fake.calls.filter((call) => call.method === 'PATCH').map((call) => call.headers.get('If-Match'))).toEqual(['"v1"', '"v2"']);
  }, 30_000);
});
