import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { installFakeFetch, json } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { ReadingHintsPanel } from './reading-hints-panel';

const URL = 'GET /api/v1/suppliers/7/reading-hints/';
const LESSON = {
  label: 'Voucher ref',
  position: 'right',
  page: 1,
  date_order: '',
  value: 'KV-20417',
  document: { id: 31, name: 'kestrel-1.pdf' },
  learned_at: '2026-12-07T10:00:00Z',
  learned_by: { id: 4, name: 'Fiona Ledger' },
  how: 'corrected',
  seen: 1,
};
const HINTS = {
  corrections: 1,
  updated_at: '2026-12-07T10:00:00Z',
  hints: [
    { field: 'invoice_number', lessons: [LESSON] },
    {
      field: 'invoice_date',
      lessons: [{ ...LESSON, label: 'Invoice date', value: '2026-03-02', date_order: 'us', how: 'confirmed', learned_by: { id: 5, name: 'Ann Approver' }, seen: 2 }],
    },
  ],
};

describe('ReadingHintsPanel', () => {
  it('lists each learned field with its label, value, and the invoice, person and way it was learned', async () => {
    installFakeFetch({ [URL]: () => json(HINTS) });
    renderWithProviders(<ReadingHintsPanel supplierId={7} supplierName="Kestrel" canReset={false} />);

    const number = (await screen.findByText('Invoice number')).closest('tr') as HTMLElement;
    expect(number).toHaveTextContent('“Voucher ref”, the value to its right');
    expect(number).toHaveTextContent('KV-20417');
    expect(number).toHaveTextContent('Corrected by Fiona Ledger');
    expect(within(number).getByRole('link', { name: 'kestrel-1.pdf' })).toHaveAttribute('href', '/supplier-invoices/documents/31');
    const date = screen.getByText('Invoice date').closest('tr') as HTMLElement;
    expect(date).toHaveTextContent('(dates month first)');
    expect(date).toHaveTextContent('Approved as read by Ann Approver');
    expect(date).toHaveTextContent('Taught by 2 invoices');
    // Read-only for whoever may not reset.
    expect(screen.queryByRole('button', { name: /Forget/ })).not.toBeInTheDocument();
  });

  it('forgets one field after a confirmation and shows what is left', async () => {
    let forgotten = false;
    const fetch = installFakeFetch({
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      [URL]: () => json(forgotten ? { ...HINTS, hints: HINTS.hints.slice(1) } : HINTS),
      'DELETE /api/v1/suppliers/7/reading-hints/invoice_number/': () => {
        forgotten = true;
        return new Response(null, { status: 204 });
      },
    });
    renderWithProviders(<ReadingHintsPanel supplierId={7} supplierName="Kestrel" canReset />);
    const user = userEvent.setup();

    await screen.findByText('KV-20417');
    await user.click(screen.getByRole('button', { name: 'Forget: Invoice number' }));
    const dialog = screen.getByRole('dialog', { name: 'Forget how Kestrel prints the invoice number?' });
    expect(fetch.count('DELETE /api/v1/suppliers/7/reading-hints/invoice_number/')).toBe(0); // nothing before confirming
    await user.click(within(dialog).getByRole('button', { name: 'Forget' }));

    await waitFor(() => expect(screen.queryByText('KV-20417')).not.toBeInTheDocument());
    expect(fetch.count('DELETE /api/v1/suppliers/7/reading-hints/invoice_number/')).toBe(1);
    expect(screen.getByText('Invoice date')).toBeInTheDocument();
  });

  it('forgets everything, cancelling first changes nothing', async () => {
    const fetch = installFakeFetch({
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      [URL]: (_request, call) => json(call === 0 ? HINTS : { ...HINTS, hints: [] }),
      'DELETE /api/v1/suppliers/7/reading-hints/': () => new Response(null, { status: 204 }),
    });
    renderWithProviders(<ReadingHintsPanel supplierId={7} supplierName="Kestrel" canReset />);
    const user = userEvent.setup();

    await screen.findByText('KV-20417');
    await user.click(screen.getByRole('button', { name: 'Forget all' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(fetch.count('DELETE /api/v1/suppliers/7/reading-hints/')).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Forget all' }));
    await user.click(within(screen.getByRole('dialog', { name: /Forget everything learned about Kestrel/ })).getByRole('button', { name: 'Forget' }));

    expect(await screen.findByText(/Nothing learned yet/)).toBeInTheDocument();
    expect(fetch.count('DELETE /api/v1/suppliers/7/reading-hints/')).toBe(1);
    expect(screen.queryByRole('button', { name: 'Forget all' })).not.toBeInTheDocument();
  });
});
