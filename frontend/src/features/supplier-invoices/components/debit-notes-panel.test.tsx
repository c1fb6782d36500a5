import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { installFakeFetch, json } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { DebitNotesPanel } from './debit-notes-panel';

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });
const NOTE = {
  id: 4,
  number: 'SDN-2026-000004',
  supplier: 2,
  supplier_name: 'Amarillo Beef',
  order: 3,
  order_number: 'PO-2026-000003',
  receipt: 8,
  receipt_number: 'GRN-2026-000008',
  currency: 'USD',
  issue_date: '2026-12-06',
  reason: 'Off colour',
  total: '150.00',
  amount_applied: '0.00',
  open_amount: '150.00',
  status: 'open',
  lines: [],
  applications: [],
  created_at: '2026-12-06T10:00:00Z',
};
const INVOICE = { id: 9, supplier: 2, currency: 'USD', invoice_number: 'RB-INV-1' };

describe('DebitNotesPanel', () => {
  it('applies an open debit note to an approved invoice', async () => {
    let applied: unknown;
    const fetch = installFakeFetch({
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'GET /api/v1/supplier-debit-notes/': (_request, call) =>
        json(page([call === 0 ? NOTE : { ...NOTE, amount_applied: '150.00', open_amount: '0.00', status: 'applied', applications: [{ invoice: 9, invoice_number: 'RB-INV-1', amount: '150.00', paid_on: '2026-12-06' }] }])),
      'POST /api/v1/supplier-debit-notes/4/apply/': (request) => {
        applied = JSON.parse(request.body);
        return json({ ...NOTE, status: 'applied' });
      },
    });
    renderWithProviders(<DebitNotesPanel invoice={{ ...INVOICE, status: 'approved' }} canApply />);
    expect(await screen.findByText('Credit expected')).toBeInTheDocument();
    expect(fetch.calls[0]?.search).toContain('supplier=2');
    expect(fetch.calls[0]?.search).toContain('currency=USD');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Apply SDN-2026-000004' }));

    await waitFor(() => expect(applied).toEqual({ invoice: 9 }));
    expect(await screen.findByText('Applied')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Apply SDN/ })).not.toBeInTheDocument();
  });

  it('offers no apply before the invoice is approved, and says when it will be taken off', async () => {
    installFakeFetch({ 'GET /api/v1/supplier-debit-notes/': () => json(page([NOTE])) });
    renderWithProviders(<DebitNotesPanel invoice={{ ...INVOICE, status: 'exception' }} canApply />);
    expect(await screen.findByText('Credit expected')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Apply SDN/ })).not.toBeInTheDocument();
    expect(screen.getByText(/taken off it when it is approved for payment/)).toBeInTheDocument();
  });
});
