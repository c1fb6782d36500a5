import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Grants } from '@/lib/authorization';
import { installFakeFetch, json } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { actionsFor, hitHref } from '../lib/commands';

import { CommandPaletteLauncher } from './command-palette-launcher';

function grantsOf(permissions: string[]): Grants {
  return { permissions, scopes: Object.fromEntries(permissions.map((p) => [p, 'all'])) } as Grants;
}

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search}</p>;
}

function App({ permissions, portal = false }: { permissions: string[]; portal?: boolean }) {
  return (
    <>
      <CommandPaletteLauncher grants={grantsOf(permissions)} portal={portal} />
      <Routes>
        <Route path="*" element={<Where />} />
      </Routes>
    </>
  );
}

describe('command palette', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('opens on Ctrl+K, finds a record by number and opens it with Enter', async () => {
    const fetches = installFakeFetch({
      'GET /api/v1/search/': () =>
        json({ query: 'PO-2026', results: [{ kind: 'purchase_order', id: '42', number: 'PO-2026-0042', title: 'Acme Packers', status: 'issued', amount: '1200.00', currency: 'USD' }] }),
    });
    const user = userEvent.setup();
    renderWithProviders(<App permissions={['purchase_order.view', 'purchase_order.create']} />);
    await user.keyboard('{Control>}k{/Control}');
    const input = await screen.findByRole('combobox', { name: 'Search and commands' });
    await user.type(input, 'PO-2026');
    await screen.findByText('PO-2026-0042');
    expect(fetches.calls.at(-1)?.search).toBe('?q=PO-2026');
    expect(screen.getByText(/Purchase order · \$1,200\.00 · issued/)).toBeInTheDocument();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/purchase-orders/42'));
    expect(screen.queryByRole('combobox', { name: 'Search and commands' })).not.toBeInTheDocument();
  });

  it('"/" outside a text field opens it; actions follow the roles and the words typed', async () => {
    installFakeFetch({ 'GET /api/v1/search/': () => json({ query: '', results: [] }) });
    const user = userEvent.setup();
    renderWithProviders(<App permissions={['purchase_request.view', 'purchase_request.create']} />);
    await user.keyboard('/');
    const input = await screen.findByRole('combobox', { name: 'Search and commands' });
    expect(screen.getByRole('option', { name: 'New purchase request' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'New purchase order' })).not.toBeInTheDocument();
    await user.type(input, 'request');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/purchase-requests/new'));
  });

  it('sends portal customers to their own pages', () => {
    expect(hitHref({ kind: 'sales_order', id: '7', number: 'SO-1' }, true)).toBe('/portal/orders/7');
    expect(hitHref({ kind: 'sales_order', id: '7', number: 'SO-1' }, false)).toBe('/sales-orders/7');
    expect(actionsFor({ permissions: ['sales_order.create', 'receivables.view'], scopes: { 'sales_order.create': 'own_customer', 'receivables.view': 'own_customer' } }).map((a) => a.label)).toEqual(['Place an order']);
  });
});
