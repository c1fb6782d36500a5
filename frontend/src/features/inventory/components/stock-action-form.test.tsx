import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { StockActionForm, type StockActionPreset } from './stock-action-form';

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });
const COLD = { id: 3, code: 'COLD-1', name: 'Dallas cold store', kind: 'cold_store', is_active: true };
const RIBEYE: StockActionPreset = {
  product: { id: 'p-1', sku: 'BEEF-RIBEYE', name: 'Ribeye', unit: 'case', lotTracked: true, catchWeight: true, weightUnit: 'lb' },
  location: 3,
  onHand: '2 case, 121.4 lb',
};

function routes(adjust: (body: Record<string, unknown>) => Response) {
  return installFakeFetch({
    'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
    'GET /api/v1/locations/': () => json(page([COLD])),
    'POST /api/v1/stock/adjustments/': (request) => adjust(JSON.parse(request.body) as Record<string, unknown>),
  });
}

describe('StockActionForm adjusting catch-weight stock', () => {
  it('posts cases, lot and actual weight', async () => {
    let sent: Record<string, unknown> | undefined;
    routes((body) => {
      sent = body;
      return json({ movements: [] }, { status: 201 });
    });
    const onDone = vi.fn();
    renderWithProviders(<StockActionForm action="adjustment" preset={RIBEYE} onDone={onDone} onCancel={() => undefined} />);
    await screen.findByRole('option', { name: /COLD-1/ });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Change \(case\)/), '-1');
    await user.type(screen.getByLabelText(/^Lot/), 'RB-A');
    await user.type(screen.getByLabelText(/Net weight \(lb\)/), '59.9');
    await user.type(screen.getByLabelText(/Reason/), 'Torn bag');
    await user.click(screen.getByRole('button', { name: 'Post adjustment' }));

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent).toMatchObject({ product: 'p-1', location: 3, quantity: '-1', lot_code: 'RB-A', weight: '59.9', reason: 'Torn bag' });
    expect(sent).not.toHaveProperty('use_by');
  });

  it('places the server refusal of the weight on the weight field', async () => {
    routes(() => problem(400, { detail: 'Invalid input.', errors: { weight: ['150.000 lb for 2 cases of BEEF-RIBEYE is outside the 10% tolerance.'] } }));
    renderWithProviders(<StockActionForm action="adjustment" preset={RIBEYE} onDone={() => undefined} onCancel={() => undefined} />);
    await screen.findByRole('option', { name: /COLD-1/ });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Change \(case\)/), '2');
    await user.type(screen.getByLabelText(/^Lot/), 'RB-N');
    await user.type(screen.getByLabelText(/Net weight \(lb\)/), '150');
    await user.type(screen.getByLabelText(/Reason/), 'Found');
    await user.click(screen.getByRole('button', { name: 'Post adjustment' }));

    expect(await screen.findByText(/outside the 10% tolerance/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Net weight \(lb\)/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('asks no lot or weight for a product sold by count', async () => {
    routes(() => json({ movements: [] }, { status: 201 }));
    renderWithProviders(
      <StockActionForm
        action="adjustment"
        preset={{ product: { id: 'p-2', sku: 'TWINE', name: 'Twine', unit: 'each', lotTracked: false, catchWeight: false, weightUnit: '' }, location: 3 }}
        onDone={() => undefined}
        onCancel={() => undefined}
      />,
    );
    await screen.findByRole('option', { name: /COLD-1/ });
    expect(screen.queryByLabelText(/^Lot/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Net weight/)).not.toBeInTheDocument();
  });
});
