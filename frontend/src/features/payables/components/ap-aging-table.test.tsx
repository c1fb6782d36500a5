import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { installFakeFetch, json } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { ApAgingTable } from './ap-aging-table';

function row(id: number, name: string, currency: string, current: string, over90: string, total: string, totalCompany: string | null) {
  return {
    supplier_id: id,
    supplier_code: `S${id}`,
    supplier_name: name,
    currency,
    current,
    days_1_30: '0.00',
    days_31_60: '0.00',
    days_61_90: '0.00',
    over_90: over90,
    total,
    rate: totalCompany ? '1.000000' : null,
    rate_date: totalCompany ? '2026-12-01' : null,
    total_company: totalCompany,
  };
}

const REPORT = {
  as_of: '2026-12-06',
  rows: [
    row(1, 'Northern Packers', 'USD', '0.10', '0.20', '0.30', '0.30'),
    row(2, 'Plains Beef', 'USD', '100.00', '0.00', '100.00', '100.00'),
    row(3, 'Rhein Fleisch', 'EUR', '0.00', '250.55', '250.55', null),
  ],
  company: { currency: 'USD', on: '2026-12-06', totals: { total: '100.30' }, missing: ['EUR'] },
};

afterEach(() => vi.unstubAllGlobals());

describe('ApAgingTable', () => {
  it('totals each currency apart, exactly, with what is past due, and links each supplier to its invoices', async () => {
    installFakeFetch({ 'GET /api/v1/reports/ap-aging/': () => json(REPORT) });
    renderWithProviders(<ApAgingTable invoicesHref={(r) => `/supplier-invoices?search=${r.supplier_name}`} />);

    const table = await screen.findByRole('table', { name: 'Payables aging by supplier' });
    expect(await within(table).findByRole('link', { name: 'Northern Packers' })).toHaveAttribute('href', '/supplier-invoices?search=Northern Packers');
    expect(within(table).getByText('No rate')).toBeInTheDocument();
    expect(screen.getByTestId('aging-total-USD')).toHaveTextContent('$100.30');
    expect(screen.getByTestId('aging-total-EUR')).toHaveTextContent('250.55');
    expect(screen.getByText(/\$0\.20 past due/)).toBeInTheDocument();
    expect(screen.getByLabelText('Payables aging by supplier in the company currency')).toHaveTextContent('not included, no rate: EUR');
  });

  it('asks for the aging as of the chosen date', async () => {
    const { calls } = installFakeFetch({ 'GET /api/v1/reports/ap-aging/': () => json(REPORT) });
    renderWithProviders(<ApAgingTable invoicesHref={() => '/'} />);
    await screen.findByRole('table', { name: 'Payables aging by supplier' });

    await userEvent.setup().type(screen.getByLabelText('As of'), '2026-06-30');

    await waitFor(() => expect(calls.some((c) => c.search === '?as_of=2026-06-30')).toBe(true));
  });
});
