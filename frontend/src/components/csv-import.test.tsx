import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/lib/api-error';

import { CsvImport } from './csv-import';

const file = new File(['sku,name\nA,B\n'], 'products.csv', { type: 'text/csv' });

describe('CsvImport', () => {
  it('shows the dry run row errors and keeps import disabled', async () => {
    const upload = vi.fn().mockResolvedValue({
      dry_run: true,
      rows: 2,
      created: 1,
      updated: 0,
      unchanged: 0,
      errors: [{ line: 3, field: 'list_price', message: 'Enter a number.' }],
    });
    render(<CsvImport noun="products" upload={upload} />);
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('CSV file'), file);
    await user.click(screen.getByRole('button', { name: 'Check file' }));

    const table = await screen.findByRole('table', { name: 'Rows with errors' });
    const cells = within(table).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells).toEqual(['3', 'list_price', 'Enter a number.']);
    expect(screen.getByText(/1 error: fix the file/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import products' })).toBeDisabled();
    expect(upload).toHaveBeenCalledWith({ file, dryRun: true });
  });

  it('imports after a clean check, and shows row errors when the commit is refused', async () => {
    const upload = vi
      .fn()
      .mockResolvedValueOnce({ dry_run: true, rows: 1, created: 1, updated: 0, unchanged: 0, errors: [] })
      .mockRejectedValueOnce(new ApiError({ status: 400, fieldErrors: { '2.sku': ['Taken meanwhile.'] } }));
    render(<CsvImport noun="products" upload={upload} />);
    const user = userEvent.setup();
    await user.upload(screen.getByLabelText('CSV file'), file);
    await user.click(screen.getByRole('button', { name: 'Check file' }));
    await screen.findByText(/No errors: you can import it now/);
    await user.click(screen.getByRole('button', { name: 'Import products' }));

    expect(await screen.findByText(/Nothing was imported: 1 row has errors/)).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Taken meanwhile.' })).toBeInTheDocument();
    expect(upload).toHaveBeenLastCalledWith({ file, dryRun: false });
  });
});
