import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { resetApiClientState } from '@/lib/api-client';
import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { HistoryButton } from './history-dialog';
import { HistoryPanel } from './history-panel';

const PRODUCT_ID = '6f1c2f8e-0a4b-4a53-9a53-2b1f5f0c9d11';

function event(id: number, action: string, changes: unknown = {}) {
  return {
    id,
    sequence: id,
    occurred_at: '2026-03-02T10:00:00Z',
    actor: 4,
    actor_email: 'buyer@example.com',
    action,
    object_type: 'catalog.product',
    object_id: PRODUCT_ID,
    object_repr: 'BF-100',
    changes,
    data: {},
    request_id: '',
    ip_address: null,
    prev_hash: '',
    hash: '',
  };
}

beforeEach(() => resetApiClientState());
afterEach(() => vi.unstubAllGlobals());

describe('HistoryPanel', () => {
  it("reads the object's own history action and shows each change before and after", async () => {
    const fake = installFakeFetch({
      [`GET /api/v1/products/${PRODUCT_ID}/history/`]: () =>
        json({
          count: 2,
          next: null,
          previous: null,
          results: [event(2, 'product.updated', { list_price: { before: '10.0000', after: '12.5000' } }), event(1, 'product.created')],
        }),
    });
    renderWithProviders(<HistoryPanel source={{ resource: 'products', id: PRODUCT_ID }} />);

    expect(await screen.findByText('Product updated')).toBeInTheDocument();
    expect(screen.getByText('Product created')).toBeInTheDocument();
    expect(screen.getByText('10.0000').tagName).toBe('DEL');
    expect(screen.getByText('12.5000').tagName).toBe('INS');
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.path).toBe(`/api/v1/products/${PRODUCT_ID}/history/`);
  });

  it('pages through older events and says when the history cannot be read', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/suppliers/9/history/': (_request, index) =>
        index === 0 ? json({ count: 11, next: 'http://x/?page=2', previous: null, results: [event(11, 'supplier.updated')] }) : problem(403, { detail: 'Your role does not allow this.' }),
    });
    renderWithProviders(<HistoryPanel source={{ resource: 'suppliers', id: 9 }} />);
    await screen.findByText('Supplier updated');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Older' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Your role does not allow this.');
    expect(fake.count('GET /api/v1/suppliers/9/history/')).toBe(2);
  });
});

describe('HistoryButton', () => {
  it('loads the history only when the dialog opens', async () => {
    const fake = installFakeFetch({
      'GET /api/v1/carriers/3/history/': () => json({ count: 1, next: null, previous: null, results: [event(5, 'carrier.deactivated')] }),
    });
    renderWithProviders(<HistoryButton source={{ resource: 'carriers', id: 3 }} name="Lone Star Freight" />);
    expect(fake.calls).toHaveLength(0);

    await userEvent.setup().click(screen.getByRole('button', { name: 'History of Lone Star Freight' }));

    expect(await screen.findByText('Carrier deactivated')).toBeInTheDocument();
  });
});
