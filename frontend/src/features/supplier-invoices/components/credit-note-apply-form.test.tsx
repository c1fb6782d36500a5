import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { CreditNoteApplyForm } from './credit-note-apply-form';

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });
const invoice = (id: number, number: string, balance: string) => ({
  id,
  kind: 'invoice',
  supplier: 2,
  supplier_name: 'Amarillo Beef',
  invoice_number: number,
  invoice_date: '2026-12-01',
  due_date: '2026-12-31',
  currency: 'USD',
  total: balance,
  amount_paid: '0.00',
  balance,
  status: 'approved',
});
const NOTE = { id: 40, supplier: 2, currency: 'USD', balance: '120.00', credited_invoice: null, invoice_number: 'CN-7' };

describe('CreditNoteApplyForm', () => {
  it('lists the open invoices, proposes what can go, and sends the chosen invoice and amount', async () => {
    let sent: unknown;
    const onApplied = vi.fn();
    const fetch = installFakeFetch({
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'GET /api/v1/supplier-invoices/': (request) => json(page(request.search.includes('status=approved') ? [invoice(9, 'INV-100', '80.00'), invoice(10, 'INV-101', '0.00')] : [])),
      'POST /api/v1/supplier-invoices/40/apply-credit-note/': (request) => {
        sent = JSON.parse(request.body);
        return json({ ...NOTE, balance: '40.00', status: 'partially_paid' });
      },
    });
    renderWithProviders(<CreditNoteApplyForm note={NOTE} onApplied={onApplied} />);
    const select = await screen.findByRole('combobox', { name: /Invoice/ });
    await waitFor(() => expect(select).toBeEnabled());
    expect(fetch.calls.map((c) => c.search).join(' ')).toContain('kind=invoice');
    // a paid-up invoice is not offered
    expect(screen.queryByRole('option', { name: /INV-101/ })).not.toBeInTheDocument();
    const user = userEvent.setup();

    await user.selectOptions(select, '9');
    // the invoice's balance is less than the credit left
    expect(screen.getByRole('textbox', { name: /Amount/ })).toHaveValue('80.00');
    await user.click(screen.getByRole('button', { name: 'Apply credit' }));

    await waitFor(() => expect(sent).toEqual({ invoice: 9, amount: '80.00' }));
    expect(onApplied).toHaveBeenCalled();
  });

  it('refuses more than the invoice balance before sending, and shows the server refusal', async () => {
    let posts = 0;
    installFakeFetch({
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'GET /api/v1/supplier-invoices/': (request) => json(page(request.search.includes('status=approved') ? [invoice(9, 'INV-100', '80.00')] : [])),
      'POST /api/v1/supplier-invoices/40/apply-credit-note/': () => {
        posts += 1;
        return problem(409, { detail: 'Credit note CN-7 is fully applied already.', code: 'credit_note_invalid' });
      },
    });
    renderWithProviders(<CreditNoteApplyForm note={NOTE} onApplied={vi.fn()} />);
    const select = await screen.findByRole('combobox', { name: /Invoice/ });
    await waitFor(() => expect(select).toBeEnabled());
    const user = userEvent.setup();
    await user.selectOptions(select, '9');
    const amount = screen.getByRole('textbox', { name: /Amount/ });
    await user.clear(amount);
    await user.type(amount, '80.01');
    await user.click(screen.getByRole('button', { name: 'Apply credit' }));
    expect(await screen.findByText("At most the invoice's balance of 80.00.")).toBeInTheDocument();
    expect(posts).toBe(0);

    await user.clear(amount);
    await user.type(amount, '10');
    await user.click(screen.getByRole('button', { name: 'Apply credit' }));
    expect(await screen.findByText('Credit note CN-7 is fully applied already.')).toBeInTheDocument();
    expect(posts).toBe(1);
  });

  it('says when the supplier has no open invoice', async () => {
    installFakeFetch({ 'GET /api/v1/supplier-invoices/': () => json(page([])) });
    renderWithProviders(<CreditNoteApplyForm note={NOTE} onApplied={vi.fn()} />);
    expect(await screen.findByText(/No invoice of this supplier in USD is approved for payment/)).toBeInTheDocument();
  });
});
