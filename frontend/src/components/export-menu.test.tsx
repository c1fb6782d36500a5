import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { Toaster } from '@/components/ui/toast';
import { installFakeFetch, problem } from '@/testing/fake-fetch';

import { ExportMenu, exportUrl } from './export-menu';

const COLUMNS = [
  { field: 'number', header: 'Number' },
  { field: 'requester.full_name', header: 'Requester, name' },
];

describe('exportUrl', () => {
  it('keeps the filters, drops paging and sends the visible columns', () => {
    const url = exportUrl('/api/v1/purchase-requests/export/', { page: 3, page_size: 20, status: 'approved', search: '', ordering: '-total' }, COLUMNS, 'xlsx');
    const params = new URL(url, 'http://x').searchParams;
    expect(params.get('status')).toBe('approved');
    expect(params.get('ordering')).toBe('-total');
    expect(params.has('page')).toBe(false);
    expect(params.has('search')).toBe(false);
    expect(params.get('format')).toBe('xlsx');
    expect(params.get('columns')).toBe('number=Number,requester.full_name=Requester  name');
  });
});

describe('ExportMenu', () => {
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:export');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => vi.restoreAllMocks());

  it('downloads the file the server names', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/purchase-requests/export/': () =>
        new Response('Number\nPR-1\n', { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="purchase-requests-2026-12-06.csv"' } }),
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<ExportMenu path="/api/v1/purchase-requests/export/" query={{ status: 'approved' }} columns={COLUMNS} noun="purchase requests" />);

    await userEvent.setup().click(screen.getByRole('button', { name: 'CSV' }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(calls[0]?.path).toBe('/api/v1/purchase-requests/export/');
    expect((click.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe('purchase-requests-2026-12-06.csv');
  });

  it('says so when the filters match nothing', async () => {
    installFakeFetch({
      'GET /api/v1/purchase-requests/export/': () =>
        problem(404, { code: 'nothing_to_export', detail: 'No rows match these filters; there is nothing to export.' }),
    });
    render(
      <>
        <ExportMenu path="/api/v1/purchase-requests/export/" query={{}} columns={COLUMNS} noun="purchase requests" />
        <Toaster />
      </>,
    );

    await userEvent.setup().click(screen.getByRole('button', { name: 'Excel' }));

    expect(await screen.findByText(/No rows match these filters/)).toBeInTheDocument();
  });
});
