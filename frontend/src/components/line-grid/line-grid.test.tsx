import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { lineTotal } from '@/lib/line-totals';
import { installFakeFetch, json } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { LineGrid, type LineColumn } from './line-grid';
import type { LineProduct } from './product-lookup';

type Line = { product: string; label: string; quantity: string; price: string };
const EMPTY: Line = { product: '', label: '', quantity: '', price: '' };
const COLUMNS: readonly LineColumn[] = [
  { key: 'quantity', header: 'Quantity', kind: 'decimal' },
  { key: 'price', header: 'Price', kind: 'decimal' },
];
const BRISKET = { id: 'p-1', sku: 'BF-1', name: 'Brisket', unit: 'case', list_price: '45.00', currency: 'USD', gtin: '00012345678905' } as LineProduct;
const LOIN = { id: 'p-2', sku: 'PK-2', name: 'Pork loin', unit: 'kg', list_price: '8.10', currency: 'USD', gtin: '' } as LineProduct;

const apply = (line: Line, product: LineProduct | null): Line =>
  product ? { ...line, product: product.id, label: `${product.sku} — ${product.name}`, price: line.price || (product.list_price ?? '') } : { ...line, product: '', label: '' };

function Harness({ initial = [EMPTY], onLines }: { initial?: Line[]; onLines?: (lines: Line[]) => void }) {
  const [lines, setLines] = useState<Line[]>(initial);
  return (
    <LineGrid
      label="Items"
      lines={lines}
      onChange={(next) => {
        setLines(next);
        onLines?.(next);
      }}
      emptyLine={EMPTY}
      product={{ valueKey: 'product', labelKey: 'label', apply }}
      columns={COLUMNS}
      paste={{ quantityKey: 'quantity', priceKey: 'price' }}
      lineTotal={(line) => lineTotal(line.quantity, line.price)}
      currency="USD"
    />
  );
}

describe('LineGrid', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('finds a product by SKU, name or GTIN in one box and picks it with the keyboard', async () => {
    const fetches = installFakeFetch({ 'GET /api/v1/products/': () => json({ count: 1, results: [BRISKET] }) });
    const user = userEvent.setup();
    const seen = vi.fn();
    renderWithProviders(<Harness onLines={seen} />);
    const box = screen.getByRole('combobox', { name: 'Product, line 1' });
    await user.type(box, '0001234');
    await waitFor(() => expect(fetches.calls.some((call) => call.search.includes('search=0001234'))).toBe(true));
    await screen.findByRole('option', { name: /BF-1 — Brisket/ });
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('BF-1 — Brisket');
    // The cursor moves on to the quantity; the price came from the list price.
    expect(screen.getByRole('textbox', { name: 'Quantity, line 1' })).toHaveFocus();
    await user.keyboard('2');
    expect(screen.getByTestId('line-total-0')).toHaveTextContent('$90.00');
    expect(screen.getByTestId('grid-total')).toHaveTextContent('$90.00');
    expect(seen).toHaveBeenLastCalledWith([{ product: 'p-1', label: 'BF-1 — Brisket', quantity: '2', price: '45.00' }]);
  });

  it('adds a line with Enter or Tab past the last cell and removes one with Ctrl+Delete', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness initial={[{ ...EMPTY, product: 'p-1', label: 'BF-1 — Brisket', quantity: '1', price: '2' }]} />);
    await user.click(screen.getByRole('textbox', { name: 'Quantity, line 1' }));
    await user.keyboard('{Enter}');
    expect(screen.getByRole('combobox', { name: 'Product, line 2' })).toHaveFocus();
    // Tab out of an empty last line leaves the grid; out of a filled one it adds a line.
    await user.click(screen.getByRole('textbox', { name: 'Price, line 1' }));
    await user.keyboard('{Enter}');
    expect(screen.getByRole('combobox', { name: 'Product, line 2' })).toBeInTheDocument();
    await user.click(screen.getByRole('textbox', { name: 'Price, line 2' }));
    await user.keyboard('7');
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Price, line 2' }), { key: 'Tab' });
    expect(screen.getByRole('combobox', { name: 'Product, line 3' })).toHaveFocus();
    await user.keyboard('{Control>}{Delete}{/Control}');
    expect(screen.queryByRole('combobox', { name: 'Product, line 3' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove line 1' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Remove line 1' }));
    expect(screen.getByRole('textbox', { name: 'Price, line 1' })).toHaveValue('7');
    // The last line cannot be removed: a document has at least one.
    expect(screen.getByRole('button', { name: 'Remove line 1' })).toBeDisabled();
  });

  it('turns rows pasted from a spreadsheet into lines, in one lookup, and lists what it could not use', async () => {
    const fetches = installFakeFetch({ 'GET /api/v1/products/': () => json({ count: 2, results: [BRISKET, LOIN] }) });
    renderWithProviders(<Harness />);
    const box = screen.getByRole('combobox', { name: 'Product, line 1' });
    fireEvent.paste(box, { clipboardData: { getData: () => 'SKU\tQty\tPrice\nBF-1\t2\t40\nPK-2\t1,000\t\nXX-9\t1\t1\n' } });
    await screen.findByTestId('paste-report');
    expect(fetches.calls).toHaveLength(1);
    expect(decodeURIComponent(fetches.calls[0]?.search ?? '')).toContain('sku=BF-1,PK-2,XX-9');
    expect(screen.getByRole('combobox', { name: 'Product, line 1' })).toHaveValue('BF-1 — Brisket');
    expect(screen.getByRole('textbox', { name: 'Price, line 1' })).toHaveValue('40');
    expect(screen.getByRole('combobox', { name: 'Product, line 2' })).toHaveValue('PK-2 — Pork loin');
    expect(screen.getByRole('textbox', { name: 'Quantity, line 2' })).toHaveValue('1000');
    expect(screen.getByRole('textbox', { name: 'Price, line 2' })).toHaveValue('8.10');
    expect(screen.queryByRole('combobox', { name: 'Product, line 3' })).not.toBeInTheDocument();
    expect(screen.getByTestId('paste-report')).toHaveTextContent('2 lines pasted. 1 not used:');
    expect(screen.getByTestId('paste-report')).toHaveTextContent('Row 4: no active product has the SKU "XX-9".');
    await waitFor(() => expect(screen.getByTestId('grid-total')).toHaveTextContent('$8,180.00'));
  });
});
