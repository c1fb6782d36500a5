import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/lib/api-error';

import type { CustomerReturnLine } from '../api/get-customer-returns';

import { ReturnAuthoriseForm, returnableRows } from './return-authorise-form';
import { ReturnReceiveForm } from './return-receive-form';

const pieces = [
  { order_line: 7, line_no: 1, description: 'Ribeye', unit: 'case', lot: 11, lot_code: 'A100', quantity: '1.000' },
  { order_line: 7, line_no: 1, description: 'Ribeye', unit: 'case', lot: 11, lot_code: 'A100', quantity: '1.000' },
  { order_line: 7, line_no: 1, description: 'Ribeye', unit: 'case', lot: 12, lot_code: 'B200', quantity: '2.000' },
  { order_line: 99, line_no: 2, description: 'Not invoiced', unit: 'case', lot: null, lot_code: '', quantity: '1.000' },
];

describe('returnableRows', () => {
  it('adds up what was shipped per invoiced line and lot, leaving out lines not on the invoice', () => {
    const rows = returnableRows([{ id: 70, order_line: 7 }], pieces);
    expect(rows.map((r) => [r.invoice_line, r.lot_code, r.shipped])).toEqual([
      [70, 'A100', '2.000'],
      [70, 'B200', '2.000'],
    ]);
  });
});

describe('ReturnAuthoriseForm', () => {
  const rows = returnableRows([{ id: 70, order_line: 7 }], pieces);

  it('authorises the quantities entered, by lot, with the reason', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    render(<ReturnAuthoriseForm rows={rows} onSubmit={onSubmit} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Reason'), 'temperature');
    await user.type(screen.getByLabelText('Return quantity (case), Ribeye, lot B200'), '1');
    await user.click(screen.getByRole('button', { name: 'Authorise return' }));
    expect(onSubmit).toHaveBeenCalledWith({ reason: 'temperature', reason_text: '', lines: [{ invoice_line: 70, quantity: '1', lot: 12 }] });
  });

  it('refuses a bad quantity before sending and puts the server refusal on its row', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError({
        status: 409,
        code: 'return_exceeds_shipped',
        detail: 'Conflict',
        fieldErrors: { 'lines.0.quantity': ['Line 1 lot A100: 2.000 case shipped, 0 already on returns; 3 requested.'] },
      }),
    );
    render(<ReturnAuthoriseForm rows={rows} onSubmit={onSubmit} />);
    const user = userEvent.setup();
    const quantity = screen.getByLabelText('Return quantity (case), Ribeye, lot A100');
    await user.type(quantity, '-1');
    await user.click(screen.getByRole('button', { name: 'Authorise return' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(quantity).toHaveAttribute('aria-invalid', 'true');
    await user.clear(quantity);
    await user.type(quantity, '3');
    await user.click(screen.getByRole('button', { name: 'Authorise return' }));
    expect(await screen.findByText(/2.000 case shipped/)).toBeInTheDocument();
  });
});

const line = (over: Partial<CustomerReturnLine>): CustomerReturnLine => ({
  id: 1,
  line_no: 1,
  invoice_line: 70,
  order_line: 7,
  order_line_no: 1,
  product: 'p1',
  product_sku: 'RIB',
  description: 'Ribeye',
  lot: 11,
  lot_code: 'A100',
  quantity: '2.000',
  unit: 'case',
  weight: null,
  catch_weight: true,
  weight_unit: 'lb',
  quantity_restocked: '0.000',
  weight_restocked: '0.000',
  quantity_written_off: '0.000',
  weight_written_off: '0.000',
  ...over,
});

describe('ReturnReceiveForm', () => {
  it('asks for the weight of catch-weight cases and sends write-offs as such', async () => {
    const onSubmit = vi.fn().mockResolvedValue({});
    render(<ReturnReceiveForm lines={[line({})]} onSubmit={onSubmit} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Receive return' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Enter the actual net weight (lb).')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Net weight (lb), RIB, lot A100'), '121.5');
    await user.selectOptions(screen.getByLabelText('Goes to, RIB, lot A100'), 'write_off');
    await user.click(screen.getByRole('button', { name: 'Receive return' }));
    expect(onSubmit).toHaveBeenCalledWith({ lines: [{ line: 1, quantity: '2', disposition: 'write_off', weight: '121.5' }] });
  });

  it('shows a weight out of tolerance next to the weight', async () => {
    const onSubmit = vi.fn().mockRejectedValue(new ApiError({ status: 400, code: 'weight_out_of_tolerance', detail: 'Invalid input', fieldErrors: { weight: ['20 lb is outside 10% of 120 lb.'] } }));
    render(<ReturnReceiveForm lines={[line({ weight: '120.000' })]} onSubmit={onSubmit} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Receive return' }));
    expect(await screen.findByText('20 lb is outside 10% of 120 lb.')).toBeInTheDocument();
    expect(screen.getByLabelText('Net weight (lb), RIB, lot A100')).toHaveAttribute('aria-invalid', 'true');
  });
});
