import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { resetApiClientState } from '@/lib/api-client';
import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { ProductForm } from './product-form';

const TREE = [{ id: 1, name: 'Beef', level: 0, path: '0001', parent_id: null, product_count: 3, children: [] }];
const TAXES = { count: 1, next: null, previous: null, results: [{ id: 7, code: 'STD', name: 'Standard', created_at: '', updated_at: '' }] };

beforeEach(() => {
  resetApiClientState();
  document.cookie = 'csrftoken=t';
});
afterEach(() => vi.unstubAllGlobals());

async function fillValidProduct(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/^SKU/), 'bf-100');
  await user.type(screen.getByLabelText(/^Name/), 'Brisket');
  await screen.findByRole('option', { name: 'Beef' });
  await user.selectOptions(screen.getByLabelText(/^Category/), '1');
  await screen.findByRole('option', { name: 'STD — Standard' });
  await user.selectOptions(screen.getByLabelText(/^Tax category/), '7');
  await user.type(screen.getByLabelText(/^List price/), '4.8500');
}

describe('ProductForm', () => {
  it('sends prices as decimal strings and puts the API field errors next to their fields', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/categories/tree/': () => json(TREE),
      'GET /api/v1/tax-categories/': () => json(TAXES),
      'POST /api/v1/products/': () =>
        problem(400, {
          detail: 'Invalid input.',
          errors: { sku: ['A product with this SKU already exists.'], gtin: ['Bad check digit.'], supplier_note: ['Unknown field.'] },
        }),
    });
    const onSaved = vi.fn();
    renderWithProviders(<ProductForm onSaved={onSaved} onCancel={() => undefined} />);
    const user = userEvent.setup();
    await fillValidProduct(user);
    await user.type(screen.getByLabelText(/^GTIN/), '12345678');
    await user.click(screen.getByRole('button', { name: 'Create product' }));

    expect(await screen.findByText('A product with this SKU already exists.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^SKU/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^SKU/)).toHaveValue('bf-100');
    expect(screen.getByLabelText(/^GTIN/)).toHaveAccessibleDescription(/Bad check digit\./);
    expect(screen.getByRole('alert')).toHaveTextContent('supplier note: Unknown field.');
    expect(onSaved).not.toHaveBeenCalled();

    const body = JSON.parse(fake.calls.find((c) => c.method === 'POST')?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ sku: 'bf-100', list_price: '4.8500', category: 1, tax_category: 7, standard_cost: '0' });
    expect(typeof body.list_price).toBe('string');
  });

  it('refuses a price that is not a decimal before calling the API', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/categories/tree/': () => json(TREE),
      'GET /api/v1/tax-categories/': () => json(TAXES),
    });
    renderWithProviders(<ProductForm onSaved={() => undefined} onCancel={() => undefined} />);
    const user = userEvent.setup();
    await fillValidProduct(user);
    await user.clear(screen.getByLabelText(/^List price/));
    await user.type(screen.getByLabelText(/^List price/), '4,85');
    await user.click(screen.getByRole('button', { name: 'Create product' }));
    await waitFor(() => expect(screen.getByText(/Enter a price with up to 4 decimals/)).toBeInTheDocument());
    expect(fake.count('POST /api/v1/products/')).toBe(0);
  });

  it('sends catch-weight settings and asks for the case weight first', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/categories/tree/': () => json(TREE),
      'GET /api/v1/tax-categories/': () => json(TAXES),
      'POST /api/v1/products/': () => json({ id: 'p1', sku: 'BF-100' }, { status: 201 }),
    });
    const onSaved = vi.fn();
    renderWithProviders(<ProductForm onSaved={onSaved} onCancel={() => undefined} />);
    const user = userEvent.setup();
    await fillValidProduct(user);
    await user.selectOptions(screen.getByLabelText(/^Unit/), 'case');
    await user.click(screen.getByLabelText(/^Lot-tracked/));
    await user.click(screen.getByLabelText(/^Catch weight/));
    await user.selectOptions(screen.getByLabelText(/^Weight unit/), 'lb');
    await user.click(screen.getByRole('button', { name: 'Create product' }));
    expect(await screen.findByText('Enter the nominal weight of one case.')).toBeInTheDocument();
    expect(fake.count('POST /api/v1/products/')).toBe(0);

    await user.type(screen.getByLabelText(/^Nominal case weight/), '60.5');
    await user.click(screen.getByRole('button', { name: 'Create product' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const body = JSON.parse(fake.calls.find((c) => c.method === 'POST')?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      unit: 'case',
      lot_tracked: true,
      catch_weight: true,
      weight_unit: 'lb',
      nominal_weight: '60.5',
      weight_tolerance_percent: '10',
    });
  });
});
