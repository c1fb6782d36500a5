import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { FilterBar } from './filter-bar';

function screenWidth(wide: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: wide,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
}

function Filters() {
  return (
    <FilterBar label="Request filters">
      <label>
        Status
        <select defaultValue="">
          <option value="">Any</option>
          <option value="approved">Approved</option>
        </select>
      </label>
    </FilterBar>
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('FilterBar', () => {
  it('shows the filters in a row on a wide screen', () => {
    screenWidth(true);
    render(<Filters />);
    expect(screen.getByRole('search', { name: 'Request filters' })).toContainElement(screen.getByLabelText('Status'));
    expect(screen.queryByRole('button', { name: 'Filters' })).not.toBeInTheDocument();
  });

  it('folds them into a sheet on a phone, opened by the Filters button and closed by Show results', async () => {
    screenWidth(false);
    const user = userEvent.setup();
    render(<Filters />);
    expect(screen.queryByLabelText('Status')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Filters' }));
    const sheet = screen.getByRole('dialog', { name: 'Request filters' });
    await user.selectOptions(screen.getByLabelText('Status'), 'approved');
    expect(sheet).toContainElement(screen.getByLabelText('Status'));

    await user.click(screen.getByRole('button', { name: 'Show results' }));
    expect(screen.queryByLabelText('Status')).not.toBeInTheDocument();
  });
});
