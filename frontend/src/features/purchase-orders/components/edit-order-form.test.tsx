import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { resetApiClientState } from '@/lib/api-client';
import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import type { PurchaseOrderDetail } from '../api/get-purchase-order';
import { EditOrderForm } from './edit-order-form';

const LOCATIONS = { 'GET /api/v1/locations/': () => json({ count: 1, next: null, previous: null, results: [{ id: 3, code: 'CS1', name: 'Cold store 1' }] }) };

function order(changes: Partial<PurchaseOrderDetail> = {}): PurchaseOrderDetail {
  const line = (id: number, no: number, description: string, quantity: string, price: string, received = '0.000') => ({
    id,
    line_no: no,
    product: `p-${id}`,
    description,
    quantity,
    unit: 'case',
    unit_price: price,
    line_total: '0.00',
    quantity_received: received,
    quantity_invoiced: '0.000',
    request_item: null,
  });
  return {
    id: 41,
    number: 'PO-000041',
    status: 'draft',
    supplier: 2,
    supplier_name: 'Prairie Packers',
    ship_to: 3,
    ship_to_code: 'CS1',
    currency: 'USD',
    expected_date: '2026-12-20',
    revision: 0,
    notes: '',
    lines: [line(11, 1, 'Brisket', '20.000', '5.0000'), line(12, 2, 'Chuck roll', '4.000', '3.2500')],
    ...changes,
  } as unknown as PurchaseOrderDetail;
}

const body = (calls: Array<{ method: string; body: string }>) => JSON.parse(calls.find((call) => call.method === 'PATCH')?.body ?? '{}') as Record<string, unknown>;

describe('EditOrderForm', () => {
  beforeEach(() => {
    resetApiClientState();
    document.cookie = 'csrftoken=t';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('changes a draft in the grid: kept lines by id, removed lines left out, the total running', async () => {
    const fake = installFakeFetch({ ...LOCATIONS, 'PATCH /api/v1/purchase-orders/41/': () => json(order({ notes: 'saved' })) });
    const saved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<EditOrderForm order={order()} onSaved={saved} onCancel={() => undefined} />);
    expect(screen.getByRole('form', { name: 'Edit PO-000041' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Product, line 1' })).toHaveValue('Brisket');
    expect(screen.getByTestId('grid-total')).toHaveTextContent('$113.00');
    const quantity = screen.getByRole('textbox', { name: 'Quantity, line 1' });
    await user.clear(quantity);
    await user.type(quantity, '18');
    await user.click(screen.getByRole('button', { name: 'Remove line 2' }));
    expect(screen.getByTestId('grid-total')).toHaveTextContent('$90.00');
    expect(screen.queryByLabelText('Reason for the change')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(body(fake.calls)).toEqual({
      ship_to: 3,
      expected_date: '2026-12-20',
      notes: '',
      reason: '',
      lines: [{ id: 11, product: 'p-11', description: 'Brisket', quantity: '18', unit: 'case', unit_price: '5' }],
    });
  });

  it('revises an issued order with a reason and shows what the server refuses next to the line', async () => {
    const fake = installFakeFetch({
      ...LOCATIONS,
      'PATCH /api/v1/purchase-orders/41/': () =>
        problem(400, { detail: 'Line 1 cannot go below the 8.000 already received.', errors: { 'lines.0.quantity': ['Line 1 cannot go below the 8.000 already received.'] } }),
    });
    const user = userEvent.setup();
    const issued = order({ status: 'partially_received', revision: 2 });
    (issued.lines[0] as { quantity_received: string }).quantity_received = '8.000';
    renderWithProviders(<EditOrderForm order={issued} onSaved={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByRole('form', { name: 'Revise PO-000041' })).toBeInTheDocument();
    expect(screen.getByText(/Saving makes revision 3\./)).toBeInTheDocument();
    expect(screen.getByText(/line 1 \(Brisket\) 8 case received/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Reason for the change'), 'Supplier short');
    const quantity = screen.getByRole('textbox', { name: 'Quantity, line 1' });
    await user.clear(quantity);
    await user.type(quantity, '6');
    await user.click(screen.getByRole('button', { name: 'Save and send the revision' }));
    expect(await screen.findByText(/Line 1 cannot go below the 8.000 already received\./)).toBeInTheDocument();
    expect(quantity).toHaveAttribute('aria-invalid', 'true');
    expect(body(fake.calls)).toMatchObject({ reason: 'Supplier short', lines: [{ id: 11, quantity: '6' }, { id: 12 }] });
  });

  it("pastes rows named by the supplier's own product codes, looked up with the order's supplier", async () => {
    const FLANK = { id: 'p-9', sku: 'BF-FLANK', name: 'Flank steak', unit: 'case', list_price: '6.00', currency: 'USD', gtin: '', is_active: true };
    const fake = installFakeFetch({
      ...LOCATIONS,
      'POST /api/v1/products/resolve/': () =>
        json({
          results: [
            { identifier: 'PP-7001', status: 'found', matched_by: 'supplier_sku', product: FLANK, candidates: [] },
            { identifier: 'PP-0000', status: 'not_found', matched_by: '', product: null, candidates: [] },
          ],
        }),
    });
    renderWithProviders(<EditOrderForm order={order()} onSaved={() => undefined} onCancel={() => undefined} />);
    fireEvent.paste(screen.getByRole('combobox', { name: 'Product, line 2' }), { clipboardData: { getData: () => 'PP-7001\t3\t5.75\nPP-0000\t1\t1\n' } });
    const report = await screen.findByTestId('paste-report');
    expect(JSON.parse(fake.calls.find((call) => call.method === 'POST')?.body ?? '{}')).toEqual({ identifiers: ['PP-7001', 'PP-0000'], supplier: 2 });
    // Pasted after the line it was pasted on.
    expect(screen.getByRole('combobox', { name: 'Product, line 3' })).toHaveValue('BF-FLANK — Flank steak');
    expect(screen.getByRole('textbox', { name: 'Unit price, line 3' })).toHaveValue('5.75');
    expect(report).toHaveTextContent(`Row 2: no product has the SKU, supplier's code, GTIN or name "PP-0000".`);
  });
});
