import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { installFakeFetch, json } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { AgingTable } from './aging-table';

const ROW = {
  customer: 7,
  customer_code: 'C007',
  customer_name: 'Harbor Foods',
  currency: 'USD',
  current: '1000.00',
  days_1_30: '811.96',
  days_31_60: '0.00',
  days_61_90: '0.00',
  over_90: '0.00',
  total: '1811.96',
  rate: '1.000000',
  rate_date: '2026-12-06',
  total_company: '1811.96',
};

afterEach(() => vi.unstubAllGlobals());

describe('receivables AgingTable', () => {
  it('shows each customer by days past due with what is owed to us per currency', async () => {
    installFakeFetch({
      'GET /api/v1/receivables/aging/': () =>
        json({ as_of: '2026-12-06', rows: [ROW], company: { currency: 'USD', on: '2026-12-06', totals: { total: '1811.96' }, missing: [] } }),
    });
    renderWithProviders(<AgingTable />);

    const table = await screen.findByRole('table', { name: 'Receivables aging' });
    expect(await within(table).findByText('Harbor Foods (C007)')).toBeInTheDocument();
    expect(within(table).getByText('$811.96')).toHaveClass('text-red-700');
    expect(screen.getByText('Owed to us in USD')).toBeInTheDocument();
    expect(screen.getByTestId('aging-total-USD')).toHaveTextContent('$1,811.96');
    expect(screen.getByText('$811.96 past due')).toBeInTheDocument();
  });

  it("shows a customer's own aging in their currency only, without our company currency", async () => {
    const own = Object.fromEntries(Object.entries(ROW).filter(([key]) => !['rate', 'rate_date', 'total_company'].includes(key)));
    installFakeFetch({
      'GET /api/v1/receivables/aging/': () => json({ as_of: '2026-12-06', rows: [{ ...own, currency: 'EUR' }] }),
    });
    renderWithProviders(<AgingTable />);

    const table = await screen.findByRole('table', { name: 'Receivables aging' });
    expect(await within(table).findByText('Harbor Foods (C007)')).toBeInTheDocument();
    expect(within(table).queryByRole('columnheader', { name: /Total in/ })).not.toBeInTheDocument();
    expect(screen.getByTestId('aging-total-EUR')).toHaveTextContent('€1,811.96');
    expect(screen.queryByLabelText(/in the company currency/)).not.toBeInTheDocument();
  });
});
