import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { CreditNotePostForm } from './credit-note-post-form';

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });
const invoice = (id: number, number: string, status: string, balance = '185.00') => ({
  id,
  kind: 'invoice',
  supplier: 2,
  supplier_name: 'Pennine Dairies Ltd',
  invoice_number: number,
  invoice_date: '2026-11-20',
  due_date: '2026-12-20',
  currency: 'GBP',
  total: balance,
  amount_paid: '0.00',
  balance,
  status,
});
const NOTE = {
  id: 40,
  supplier: 2,
  supplier_name: 'Pennine Dairies Ltd',
  currency: 'GBP',
  total: '104.00',
  invoice_number: 'CN-2291',
  credited_invoice: null,
  credited_invoice_number: null,
  credited_invoice_reference: 'PD-118840',
};
// The supplier's invoices by status: one approved, one matched; a paid one is never asked for.
const byStatus: Record<string, unknown[]> = {
  approved: [invoice(9, 'PD-118841', 'approved')],
  matched: [invoice(11, 'PD-118850', 'matched')],
  paid: [invoice(12, 'PD-100000', 'paid')],
};
const listed = (search: string) => byStatus[new URLSearchParams(search).get('status') ?? ''] ?? [];

describe('CreditNotePostForm', () => {
  it('says the invoice the document names is not on file, offers the open ones and posts the chosen one', async () => {
    let sent: unknown;
    const onPosted = vi.fn();
    const fetch = installFakeFetch({
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'GET /api/v1/supplier-invoices/': (request) => json(page(listed(request.search))),
      'POST /api/v1/supplier-invoices/40/post-credit-note/': (request) => {
        sent = JSON.parse(request.body);
        return json({ ...NOTE, status: 'paid', credited_invoice: 9, credited_invoice_number: 'PD-118841', credit_applications: [] });
      },
    });
    renderWithProviders(<CreditNotePostForm note={NOTE} onPosted={onPosted} />);

    expect(screen.getByText(/The document names invoice PD-118840: no open invoice of this supplier has that number/)).toBeInTheDocument();
    const select = await screen.findByRole('combobox', { name: /Credits invoice/ });
    await waitFor(() => expect(screen.getByRole('option', { name: /PD-118841/ })).toBeInTheDocument());
    expect(screen.getByRole('option', { name: /PD-118850/ })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /PD-100000/ })).not.toBeInTheDocument();
    const searches = fetch.calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/supplier-invoices/').map((c) => new URLSearchParams(c.search));
    expect(searches.every((q) => q.get('supplier') === '2' && q.get('kind') === 'invoice')).toBe(true);
    expect(searches.map((q) => q.get('status'))).not.toContain('paid');
    expect(select).toHaveValue('');
    const user = userEvent.setup();

    await user.selectOptions(select, '9');
    await user.click(screen.getByRole('button', { name: 'Post credit note' }));

    await waitFor(() => expect(sent).toEqual({ credited_invoice: 9 }));
    expect(onPosted).toHaveBeenCalledWith(expect.objectContaining({ credited_invoice: 9 }));
  }, 15_000);

  it('proposes the invoice credited now, and shows the server refusal of a choice next to the field', async () => {
    let sent: unknown;
    installFakeFetch({
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'GET /api/v1/supplier-invoices/': (request) => json(page(listed(request.search))),
      'POST /api/v1/supplier-invoices/40/post-credit-note/': (request) => {
        sent = JSON.parse(request.body);
        return problem(400, {
          detail: 'Invoice PD-118850 is another supplier’s.',
          code: 'invalid',
          errors: { credited_invoice: ['Invoice PD-118850 is another supplier’s.'] },
        });
      },
    });
    const onPosted = vi.fn();
    renderWithProviders(
      <CreditNotePostForm note={{ ...NOTE, credited_invoice: 9, credited_invoice_number: 'PD-118841', credited_invoice_reference: 'PD-118841' }} onPosted={onPosted} />,
    );
    const select = await screen.findByRole('combobox', { name: /Credits invoice/ });
    expect(select).toHaveValue('9');
    expect(screen.queryByText(/no open invoice of this supplier/)).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('option', { name: /PD-118850/ })).toBeInTheDocument());
    // listed once, as the invoice credited now
    expect(screen.getAllByRole('option', { name: /PD-118841/ })).toHaveLength(1);
    expect(select).toHaveValue('9');
    const user = userEvent.setup();

    await user.selectOptions(select, '11');
    await user.click(screen.getByRole('button', { name: 'Post credit note' }));

    expect(await screen.findByText('Invoice PD-118850 is another supplier’s.')).toBeInTheDocument();
    expect(sent).toEqual({ credited_invoice: 11 });
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(onPosted).not.toHaveBeenCalled();
  }, 15_000);
  it('offers "No credited invoice" when the note names one, and posts it with the link cleared', async () => {
    let sent: unknown;
    const onPosted = vi.fn();
    installFakeFetch({
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'GET /api/v1/supplier-invoices/': (request) => json(page(listed(request.search))),
      'POST /api/v1/supplier-invoices/40/post-credit-note/': (request) => {
        sent = JSON.parse(request.body);
        return json({ ...NOTE, status: 'approved', credited_invoice: null, credited_invoice_number: null, credit_applications: [] });
      },
    });
    renderWithProviders(
      <CreditNotePostForm note={{ ...NOTE, credited_invoice: 9, credited_invoice_number: 'PD-118841', credited_invoice_reference: 'PD-118841' }} onPosted={onPosted} />,
    );
    const select = await screen.findByRole('combobox', { name: /Credits invoice/ });
    await waitFor(() => expect(screen.getByRole('option', { name: /PD-118850/ })).toBeInTheDocument());
    expect(select).toHaveValue('9');
    const user = userEvent.setup();

    await user.selectOptions(select, screen.getByRole('option', { name: /No credited invoice/ }));
    await user.click(screen.getByRole('button', { name: 'Post credit note' }));

    await waitFor(() => expect(sent).toEqual({ credited_invoice: null }));
    expect(onPosted).toHaveBeenCalledWith(expect.objectContaining({ credited_invoice: null }));
  }, 15_000);
});
