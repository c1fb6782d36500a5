import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { Pagination } from './pagination';

describe('Pagination', () => {
  it('shows an exact count as it is', () => {
    render(<Pagination page={2} pageSize={50} count={132} onPageChange={() => undefined} label="Product pages" />);
    const nav = screen.getByRole('navigation', { name: 'Product pages' });
    expect(nav).toHaveTextContent('51–100 of 132');
    expect(nav).toHaveTextContent('Page 2 of 3');
    expect(nav).not.toHaveTextContent('about');
  });

  it('says "about" for an estimated count and still offers the next page', async () => {
    const onPageChange = vi.fn();
    render(<Pagination page={3} pageSize={50} count={99873} estimated onPageChange={onPageChange} label="Product pages" />);
    const nav = screen.getByRole('navigation', { name: 'Product pages' });
    expect(nav).toHaveTextContent('101–150 of about 99,873');
    expect(nav).toHaveTextContent('Page 3 of about 1,998');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(onPageChange).toHaveBeenCalledWith(4);
  });
});
