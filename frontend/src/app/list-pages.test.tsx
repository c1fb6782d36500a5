import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { CustomerReturnsList } from '@/features/customer-returns/components/customer-returns-list';
import { SalesOrdersList } from '@/features/sales-orders/components/sales-orders-list';
import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

const ORDER = {
  id: 3,
  number: 'SO-2026-00003',
  customer_name: 'Harbor Foods',
  status: 'confirmed',
  order_date: '2026-12-01',
  location_code: 'MAIN',
  total: '1250.00',
  currency: 'USD',
};

afterEach(() => vi.unstubAllGlobals());

describe('ListPage', () => {
  it('shows the filters, the export of what they select, the rows with their links and the pages', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/sales-orders/': () => json({ count: 45, next: null, previous: null, results: [ORDER] }),
    });
    renderWithProviders(<SalesOrdersList orderHref={(o) => `/sales-orders/${o.id}`} />, { route: '/sales-orders?status=confirmed&page=2' });

    const table = await screen.findByRole('table', { name: 'Sales orders' });
    expect(await within(table).findByRole('link', { name: 'SO-2026-00003' })).toHaveAttribute('href', '/sales-orders/3');
    expect(within(table).getByText('$1,250.00')).toBeInTheDocument();
    expect(screen.getByRole('search', { name: 'Sales order filters' })).toBeInTheDocument();
    expect(screen.getByLabelText('Status')).toHaveValue('confirmed');
    expect(screen.getByRole('group', { name: 'Export sales orders' })).toBeInTheDocument();
    const pages = screen.getByRole('navigation', { name: 'Sales order pages' });
    expect(within(pages).getByText('21–40 of 45')).toBeInTheDocument();
    expect(calls[0]?.search).toContain('status=confirmed');
    expect(calls[0]?.search).toContain('page=2');

    await userEvent.click(within(pages).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(calls.some((call) => call.search.includes('page=3'))).toBe(true));
  });

  it('says when filters match nothing, and when nothing exists yet', async () => {
    installFakeFetch({ 'GET /api/v1/customer-returns/': () => json({ count: 0, next: null, previous: null, results: [] }) });
    const filtered = renderWithProviders(<CustomerReturnsList returnHref={(r) => `/returns/${r.id}`} />, { route: '/returns?search=nothing' });
    expect(await screen.findByText('No returns match these filters.')).toBeInTheDocument();
    filtered.unmount();

    renderWithProviders(<CustomerReturnsList returnHref={(r) => `/returns/${r.id}`} />, { route: '/returns' });
    expect(await screen.findByText('No customer returns yet. Authorise one from an invoice.')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Return pages' })).not.toBeInTheDocument();
  });

  it('shows why the list could not load, and tries again', async () => {
    let fail = true;
    installFakeFetch({
      'GET /api/v1/sales-orders/': () => (fail ? problem(503, { detail: 'The database is busy.' }) : json({ count: 1, next: null, previous: null, results: [ORDER] })),
    });
    renderWithProviders(<SalesOrdersList orderHref={(o) => `/sales-orders/${o.id}`} />);

    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent('Could not load sales orders.');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'SO-2026-00003' })).toBeInTheDocument();
  });
});
