import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ConfirmDialog } from './confirm-dialog';
import { Field } from './field';
import { Input } from './input';
import { Table, type Column } from './table';
import { clearToastsOnNavigation, toast, Toaster } from './toast';

interface Row {
  id: number;
  name: string;
  total: string;
}

const columns: Column<Row>[] = [
  { key: 'name', header: 'Name', cell: (row) => row.name },
  { key: 'total', header: 'Total', cell: (row) => row.total, align: 'right' },
];

describe('Table', () => {
  it('renders rows under labelled headers', () => {
    render(<Table caption="Orders" columns={columns} rows={[{ id: 1, name: 'Pallets', total: '$10.00' }]} rowKey={(r) => r.id} />);
    expect(screen.getByRole('table', { name: 'Orders' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Total' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Pallets' })).toBeInTheDocument();
  });

  it('says when it is loading, empty or failed', async () => {
    const { rerender } = render(<Table caption="Orders" columns={columns} rows={undefined} rowKey={(r) => r.id} isLoading />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading');

    rerender(<Table caption="Orders" columns={columns} rows={[]} rowKey={(r) => r.id} emptyMessage="No orders yet." />);
    expect(screen.getByText('No orders yet.')).toBeInTheDocument();

    const onRetry = vi.fn();
    rerender(<Table caption="Orders" columns={columns} rows={undefined} rowKey={(r) => r.id} error="Could not load orders." onRetry={onRetry} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load orders.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});

describe('Field', () => {
  it('labels its control and ties the error message to it', () => {
    render(
      <Field label="Quantity" error="Must be positive." hint="In the item's unit.">
        {(control) => <Input {...control} />}
      </Field>,
    );
    const input = screen.getByLabelText('Quantity');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription("In the item's unit. Must be positive.");
  });
});

describe('ConfirmDialog', () => {
  it('asks, and reports the answer', async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(
      <ConfirmDialog open title="Cancel this order?" description="Reserved stock is released." confirmLabel="Cancel order" tone="danger" onConfirm={onConfirm} onCancel={onCancel} />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('button', { name: 'Cancel order' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});

describe('toast', () => {
  it('shows one message at a time, replacing the previous one', async () => {
    render(<Toaster />);
    act(() => {
      toast.success('Approved by you. Waiting for Dana Director.');
      toast.error('Could not save the order.');
    });
    expect(await screen.findByText('Could not save the order.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('Approved by you. Waiting for Dana Director.')).not.toBeInTheDocument());
    act(() => toast.dismissAll());
  });

  it('clears messages of the previous page on navigation, but keeps one raised just before it', async () => {
    render(<Toaster />);
    act(() => {
      toast.info('Saved.');
    });
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    act(() => clearToastsOnNavigation(Date.now()));
    expect(screen.getByText('Saved.')).toBeInTheDocument();
    act(() => clearToastsOnNavigation(Date.now() + 10_000));
    await waitFor(() => expect(screen.queryByText('Saved.')).not.toBeInTheDocument());
  });
});
