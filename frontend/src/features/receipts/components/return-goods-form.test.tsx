import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import type { GoodsReceipt } from '../api/post-goods-receipt';

import { ReturnGoodsForm } from './return-goods-form';

const line = (id: number, lot: string, weight: string | null) => ({
  id,
  order_line: 1,
  line_no: 1,
  quantity_received: '2.000',
  quantity_rejected: '0.000',
  rejection_reason: '',
  quantity_returned: '0.000',
  unit_cost: '150.0000',
  lot: id,
  lot_code: lot,
  use_by: '2026-12-30',
  net_weight: weight,
});

const RECEIPT = {
  id: 8,
  number: 'GRN-2026-000008',
  order: 3,
  order_number: 'PO-2026-000003',
  received_on: '2026-12-06',
  notes: '',
  lines: [line(21, 'RB-A', '121.000'), line(22, 'RB-B', '119.000')],
  debit_notes: [],
  created_at: '2026-12-06T10:00:00Z',
} as unknown as GoodsReceipt;

describe('ReturnGoodsForm', () => {
  it('returns cases of a lot with their actual weight and reports the debit note', async () => {
    let sent: unknown;
    installFakeFetch({
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'POST /api/v1/goods-receipts/8/return/': (request) => {
        sent = JSON.parse(request.body);
        return json({ ...RECEIPT, debit_notes: [{ id: 1, number: 'SDN-2026-000001', total: '150.00', amount_applied: '0.00', status: 'open' }] });
      },
    });
    const onDone = vi.fn();
    renderWithProviders(<ReturnGoodsForm receipt={RECEIPT} order={3} onDone={onDone} onCancel={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Return of line 1, lot RB-A'), '1');
    await user.type(screen.getByLabelText('Net weight returned, line 1, lot RB-A'), '61.2');
    await user.type(screen.getByLabelText(/Reason/), 'Off colour');
    await user.click(screen.getByRole('button', { name: 'Return to supplier' }));

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent).toEqual({ reason: 'Off colour', lines: [{ receipt_line: 21, quantity: '1', weight: '61.2' }] });
    expect(onDone.mock.calls[0]?.[0].debit_notes[0].number).toBe('SDN-2026-000001');
  });

  it('shows a weight outside tolerance next to the weight of its line', async () => {
    installFakeFetch({
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'POST /api/v1/goods-receipts/8/return/': () =>
        problem(400, { detail: 'Invalid input.', errors: { 'lines.0.weight': ['90.000 lb for 1 case of BEEF is outside the 10% tolerance of 60.000.'] } }),
    });
    renderWithProviders(<ReturnGoodsForm receipt={RECEIPT} order={3} onDone={() => undefined} onCancel={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Return of line 1, lot RB-B'), '1');
    await user.type(screen.getByLabelText('Net weight returned, line 1, lot RB-B'), '90');
    await user.type(screen.getByLabelText(/Reason/), 'Off colour');
    await user.click(screen.getByRole('button', { name: 'Return to supplier' }));

    expect(await screen.findByText(/outside the 10% tolerance/)).toBeInTheDocument();
    expect(screen.getByLabelText('Net weight returned, line 1, lot RB-B')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Return of line 1, lot RB-B')).not.toHaveAttribute('aria-invalid', 'true');
  });
});
