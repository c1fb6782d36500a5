import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/lib/api-error';

import type { CategoryNode } from '../api/get-category-tree';

import { CategoryMoveForm } from './category-move-form';

const chuck: CategoryNode = { id: 3, name: 'Chuck', level: 2, path: '', parent_id: 2, product_count: 0, children: [] };
const primals: CategoryNode = { id: 2, name: 'Primals', level: 1, path: '', parent_id: 1, product_count: 0, children: [chuck] };
const tree: CategoryNode[] = [
  { id: 1, name: 'Beef', level: 0, path: '', parent_id: null, product_count: 0, children: [primals] },
  { id: 4, name: 'Pork', level: 0, path: '', parent_id: null, product_count: 0, children: [] },
];

describe('CategoryMoveForm', () => {
  it('greys out the own subtree and moves to the chosen parent', async () => {
    const onMove = vi.fn().mockResolvedValue(undefined);
    render(<CategoryMoveForm tree={tree} category={primals} onMove={onMove} onCancel={() => undefined} />);
    expect(screen.getByRole('option', { name: /Chuck/ })).toBeDisabled();
    expect(screen.getByRole('option', { name: /Primals/ })).toBeDisabled();
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('New parent'), '4');
    await user.click(screen.getByRole('button', { name: 'Move' }));
    expect(onMove).toHaveBeenCalledWith(4);
  });

  it('shows the API refusal next to the picker', async () => {
    const onMove = vi.fn().mockRejectedValue(
      new ApiError({ status: 422, code: 'category_cycle', detail: 'A category cannot move into its own subtree.' }),
    );
    render(<CategoryMoveForm tree={tree} category={primals} onMove={onMove} onCancel={() => undefined} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('New parent'), 'top');
    await user.click(screen.getByRole('button', { name: 'Move' }));
    expect(await screen.findByText('A category cannot move into its own subtree.')).toBeInTheDocument();
    expect(screen.getByLabelText('New parent')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('The category was not moved.');
  });
});
