import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { BackToBackPanel } from './back-to-back-panel';

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

const MAPPING = { id: 5, supplier: 2, supplier_code: 'AMA', plant: 9, plant_code: 'P-9', establishment_number: 'EST 245C', approved_customers: [4] };
const LOCATIONS = [
  { id: 1, code: 'MAIN', name: 'Main warehouse', kind: 'warehouse', is_active: true },
  { id: 2, code: 'TRUCK', name: 'On the road', kind: 'transit', is_active: true },
  { id: 3, code: 'COLD-1', name: 'Dallas cold store', kind: 'cold_store', is_active: true },
];
const LINES = [{ id: 11, line_no: 1, sku: 'BEEF-CHUCK', quantity: '10.000', unit: 'case' }];

function renderPanel(created: (body: Record<string, unknown>) => Response) {
  const fetch = installFakeFetch({
    'GET /api/v1/auth/csrf/': () => json({ csrf_token: 'token' }),
    'GET /api/v1/back-to-back-orders/': () => json(page([])),
    'GET /api/v1/supplier-plant-mappings/': () => json(page([MAPPING])),
    'GET /api/v1/locations/': () => json(page(LOCATIONS)),
    'POST /api/v1/back-to-back-orders/': (request) => created(JSON.parse(request.body) as Record<string, unknown>),
  });
  renderWithProviders(<BackToBackPanel order={7} customer={4} currency="USD" lines={LINES} canCreate />);
  return fetch;
}

async function fillDeal(user: ReturnType<typeof userEvent.setup>) {
  await user.selectOptions(screen.getByLabelText(/Sales line/), '11');
  await screen.findByRole('option', { name: /AMA · P-9/ });
  await user.selectOptions(screen.getByLabelText(/Supplier and plant/), '5');
  await user.type(screen.getByLabelText(/Purchase unit price/), '150');
}

describe('BackToBackPanel cross-dock', () => {
  it('asks for the cold store and sends it with a cross-dock order', async () => {
    let sent: Record<string, unknown> | undefined;
    const fetch = renderPanel((body) => {
      sent = body;
      return json({ id: 1 }, { status: 201 });
    });
    const user = userEvent.setup();
    await fillDeal(user);
    expect(screen.queryByLabelText(/Cross-dock location/)).not.toBeInTheDocument();
    expect(fetch.count('GET /api/v1/locations/')).toBe(0);

    await user.selectOptions(screen.getByLabelText(/Mode/), 'cross_dock');
    const store = await screen.findByLabelText(/Cross-dock location/);
    await screen.findByRole('option', { name: /COLD-1 · Dallas cold store \(cold store\)/ });
    // Stores only, cold stores first; an in-transit location is not offered.
    expect(screen.queryByRole('option', { name: /TRUCK/ })).not.toBeInTheDocument();
    expect((store as HTMLSelectElement).options[1]?.textContent).toContain('COLD-1');

    await user.click(screen.getByRole('button', { name: 'Create purchase order' }));
    expect(await screen.findByText('Choose the cold store the goods go through.')).toBeInTheDocument();
    expect(sent).toBeUndefined();

    await user.selectOptions(store, '3');
    await user.click(screen.getByRole('button', { name: 'Create purchase order' }));
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toMatchObject({ sales_line: 11, supplier: 2, plant: 9, mode: 'cross_dock', cross_dock_location: 3, unit_price: '150' });
  });

  it('shows the server refusal of the store next to the field', async () => {
    renderPanel(() => problem(400, { detail: 'Invalid input.', errors: { cross_dock_location: ['Location COLD-1 is inactive; choose an active cold store.'] } }));
    const user = userEvent.setup();
    await fillDeal(user);
    await user.selectOptions(screen.getByLabelText(/Mode/), 'cross_dock');
    await screen.findByRole('option', { name: /COLD-1/ });
    await user.selectOptions(screen.getByLabelText(/Cross-dock location/), '3');
    await user.click(screen.getByRole('button', { name: 'Create purchase order' }));
    expect(await screen.findByText('Location COLD-1 is inactive; choose an active cold store.')).toBeInTheDocument();
    expect(screen.getByLabelText(/Cross-dock location/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('sends no store with a drop-ship order', async () => {
    let sent: Record<string, unknown> | undefined;
    renderPanel((body) => {
      sent = body;
      return json({ id: 1 }, { status: 201 });
    });
    const user = userEvent.setup();
    await fillDeal(user);
    await user.click(screen.getByRole('button', { name: 'Create purchase order' }));
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toMatchObject({ mode: 'drop_ship', cross_dock_location: null });
  });
});
