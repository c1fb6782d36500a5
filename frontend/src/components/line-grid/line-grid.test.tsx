import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { resetApiClientState } from '@/lib/api-client';
import { lineTotal } from '@/lib/line-totals';
import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
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
  beforeEach(() => {
    resetApiClientState();
    document.cookie = 'csrftoken=t';
  });
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

  it('turns rows pasted by SKU, GTIN or name into lines in one lookup, and lists the rows it could not use', async () => {
    const found = (identifier: string, product: LineProduct, matched_by: 'sku' | 'gtin' | 'name') => ({ identifier, status: 'found', matched_by, product, candidates: [] });
    const fetches = installFakeFetch({
      'POST /api/v1/products/resolve/': () =>
        json({
          results: [
            found('bf-1', BRISKET, 'sku'),
            found('12345678905', BRISKET, 'gtin'),
            found('pork loin', LOIN, 'name'),
            { identifier: 'XX-9', status: 'not_found', matched_by: '', product: null, candidates: [] },
            { identifier: 'Wings', status: 'ambiguous', matched_by: 'name', product: null, candidates: [{ ...LOIN, sku: 'CK-A' }, { ...LOIN, sku: 'CK-B' }] },
            { identifier: 'LM-OLD', status: 'inactive', matched_by: 'sku', product: { ...LOIN, sku: 'LM-OLD', name: 'Lamb shank' }, candidates: [] },
          ],
        }),
    });
    renderWithProviders(<Harness />);
    const box = screen.getByRole('combobox', { name: 'Product, line 1' });
    const sheet = 'SKU\tQty\tPrice\nbf-1\t2\t40\n12345678905\t1\t\npork loin\t1,000\t\nXX-9\t1\t1\nWings\t1\t1\nLM-OLD\t1\t1\nbf-1\t1\t1\n';
    fireEvent.paste(box, { clipboardData: { getData: () => sheet } });
    await screen.findByTestId('paste-report');
    // One request for every distinct identifier, however many rows.
    expect(fetches.calls).toHaveLength(1);
    expect(JSON.parse(fetches.calls[0]?.body ?? '{}')).toEqual({ identifiers: ['bf-1', '12345678905', 'pork loin', 'XX-9', 'Wings', 'LM-OLD'] });
    expect(screen.getByRole('combobox', { name: 'Product, line 1' })).toHaveValue('BF-1 — Brisket');
    expect(screen.getByRole('textbox', { name: 'Price, line 1' })).toHaveValue('40');
    expect(screen.getByRole('combobox', { name: 'Product, line 2' })).toHaveValue('BF-1 — Brisket');
    expect(screen.getByRole('combobox', { name: 'Product, line 3' })).toHaveValue('PK-2 — Pork loin');
    expect(screen.getByRole('textbox', { name: 'Quantity, line 3' })).toHaveValue('1000');
    expect(screen.getByRole('textbox', { name: 'Price, line 3' })).toHaveValue('8.10');
    expect(screen.getByRole('combobox', { name: 'Product, line 4' })).toHaveValue('BF-1 — Brisket');
    expect(screen.queryByRole('combobox', { name: 'Product, line 5' })).not.toBeInTheDocument();
    const report = screen.getByTestId('paste-report');
    expect(report).toHaveTextContent('4 lines pasted. 3 not used:');
    expect(report).toHaveTextContent('Row 5: no product has the SKU, GTIN or name "XX-9".');
    expect(report).toHaveTextContent('Row 6: "Wings" is the name of 2 products (CK-A, CK-B); paste the SKU or GTIN instead.');
    expect(report).toHaveTextContent('Row 7: "LM-OLD" is LM-OLD — Lamb shank, which is no longer in use.');
    await waitFor(() => expect(screen.getByTestId('grid-total')).toHaveTextContent('$8,226.00'));
  });

  it('pastes nothing and says so when the lookup fails', async () => {
    installFakeFetch({ 'POST /api/v1/products/resolve/': () => problem(500, { title: 'Server error' }) });
    renderWithProviders(<Harness />);
    fireEvent.paste(screen.getByRole('combobox', { name: 'Product, line 1' }), { clipboardData: { getData: () => 'BF-1\t2\t40' } });
    await screen.findByTestId('paste-report');
    expect(screen.getByTestId('paste-report')).toHaveTextContent('The products could not be looked up; nothing was pasted.');
    expect(screen.getByRole('combobox', { name: 'Product, line 1' })).toHaveValue('');
  });
});
