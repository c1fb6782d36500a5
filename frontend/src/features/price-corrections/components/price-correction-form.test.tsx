import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/lib/api-error';

import { PriceCorrectionForm } from './price-correction-form';

const lines = [
  { invoice_line: 5, line_no: 1, description: 'Ribeye', unit: 'lb', invoiced_quantity: '240.000', kept_quantity: '240.000', invoiced_unit_price: '9.5000', current_unit_price: '9.2500' },
  { invoice_line: 6, line_no: 2, description: 'Trays', unit: 'each', invoiced_quantity: '5.000', kept_quantity: '5.000', invoiced_unit_price: '4.0000', current_unit_price: '4.0000' },
];

describe('PriceCorrectionForm', () => {
  it('shows the current price and sends the right prices with the reason', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    render(<PriceCorrectionForm lines={lines} currency="USD" onSubmit={onSubmit} />);
    expect(screen.getByText(/at 9.2500 USD per lb \(invoiced at 9.5000\)/)).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Right price per each, line 2'), '4.60');
    await user.click(screen.getByRole('button', { name: 'Issue correction' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Say why the price is corrected.')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/Why/), 'Contract price');
    await user.click(screen.getByRole('button', { name: 'Issue correction' }));
    expect(onSubmit).toHaveBeenCalledWith({ reason_text: 'Contract price', lines: [{ invoice_line: 6, unit_price: '4.60' }] });
  });

  it('shows the refusal of a mixed correction', async () => {
    const detail = 'Lower and raise prices in separate corrections: lowered prices make a credit note, raised ones a debit note.';
    const onSubmit = vi.fn().mockRejectedValue(new ApiError({ status: 400, code: 'price_mixed_directions', detail, fieldErrors: { lines: [detail] } }));
    render(<PriceCorrectionForm lines={lines} currency="USD" onSubmit={onSubmit} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Why/), 'Fix');
    await user.type(screen.getByLabelText('Right price per lb, line 1'), '9');
    await user.type(screen.getByLabelText('Right price per each, line 2'), '5');
    await user.click(screen.getByRole('button', { name: 'Issue correction' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('separate corrections');
  });
});
