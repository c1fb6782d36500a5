import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { resetApiClientState } from '@/lib/api-client';
import { installFakeFetch, json } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import type { SalesOrder } from '../api/get-sales-order';
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
