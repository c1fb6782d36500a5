import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { resetApiClientState } from '@/lib/api-client';
import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { PriceListsPage } from './price-lists-page';

const LIST = {
  id: 4,
  name: 'HEB 2026',
  customer: 9,
  customer_name: 'HEB Grocery',
  customer_kind: '',
  currency: 'USD',
  valid_from: '2026-12-01',
  valid_to: '2027-02-28',
  is_active: true,
  items: [
    { id: 1, product: 'p1', product_sku: 'BEEF-1', min_quantity: '0.000', unit_price: '9.0000' },
    { id: 2, product: 'p1', product_sku: 'BEEF-1', min_quantity: '20.000', unit_price: '8.5000' },
  ],
};
const page = (results: unknown[]) => json({ count: results.length, next: null, previous: null, results });

beforeEach(() => {
  resetApiClientState();
  document.cookie = 'csrftoken=t';
});
afterEach(() => vi.unstubAllGlobals());

describe('PriceListsPage editing', () => {
  it('loads a list into the form, sends every price on save and shows a refused overlap next to its field', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/price-lists/': () => page([LIST]),
      'GET /api/v1/customers/': () => page([{ id: 9, name: 'HEB Grocery' }]),
      'GET /api/v1/products/': () => page([{ id: 'p1', sku: 'BEEF-1', name: 'Ribeye' }]),
      'PATCH /api/v1/price-lists/4/': (_request, call) =>
        call === 0
          ? problem(409, {
              detail: 'Overlap.',
              code: 'price_list_overlap',
              errors: { valid_from: ['Price list HEB promo (from 2027-01-01) already prices BEEF-1 for HEB Grocery in USD; the validity periods overlap.'] },
            })
          : json({ ...LIST, name: 'HEB winter' }),
    });
    renderWithProviders(<PriceListsPage canCreate canEdit />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit HEB 2026' }, { timeout: 5000 }));
    const form = screen.getByRole('form', { name: 'Edit price list' });
    expect(within(form).getByLabelText(/^Name/)).toHaveValue('HEB 2026');
    expect(within(form).getByLabelText(/^From quantity 2/)).toHaveValue('20.000');
    expect(within(form).getByLabelText(/^Product 2/)).toHaveValue('p1');
    await user.clear(within(form).getByLabelText(/^Name/));
    await user.type(within(form).getByLabelText(/^Name/), 'HEB winter');
    await user.clear(within(form).getByLabelText(/^Unit price 2/));
    await user.type(within(form).getByLabelText(/^Unit price 2/), '8.2500');
    await user.click(within(form).getByRole('button', { name: 'Save price list' }));

    expect(await within(form).findByText(/HEB promo .* the validity periods overlap/)).toBeInTheDocument();
    expect(within(form).getByLabelText(/^Valid from/)).toHaveAttribute('aria-invalid', 'true');
    const sent = JSON.parse(fake.calls.find((c) => c.method === 'PATCH')?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toEqual({
      name: 'HEB winter',
      customer: 9,
      customer_kind: '',
      currency: 'USD',
      valid_from: '2026-12-01',
      valid_to: '2027-02-28',
      is_active: true,
      items: [
        { product: 'p1', min_quantity: '0.000', unit_price: '9.0000' },
        { product: 'p1', min_quantity: '20.000', unit_price: '8.2500' },
      ],
    });

    await user.click(within(form).getByRole('button', { name: 'Save price list' }));
    await expect.poll(() => screen.queryByRole('form', { name: 'Edit price list' })).toBeNull();
    expect(fake.count('PATCH /api/v1/price-lists/4/')).toBe(2);
  }, 20_000);

  it('offers no edit button without the right', async () => {
    installFakeFetch({ 'GET /api/v1/price-lists/': () => page([LIST]), 'GET /api/v1/customers/': () => page([]), 'GET /api/v1/products/': () => page([]) });
    renderWithProviders(<PriceListsPage canCreate={false} canEdit={false} />);
    expect(await screen.findByText('HEB 2026', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
  }, 20_000);
});
