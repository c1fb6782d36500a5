import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ActionButton } from './action-button';
import type { RecordAction } from './record-context';

const decision = (action: string, allowed: boolean, reason: string | null = null, detail = ''): RecordAction => ({ action, label: action, allowed, reason, detail });

describe('ActionButton', () => {
  it('offers an allowed action', () => {
    render(
      <ActionButton actions={[decision('supplier_invoice.approve', true)]} action="supplier_invoice.approve">
        Approve for payment
      </ActionButton>,
    );
    expect(screen.getByRole('button', { name: 'Approve for payment' })).toBeEnabled();
  });

  it('disables an action refused by segregation of duties and says why', () => {
    render(
      <ActionButton actions={[decision('supplier_invoice.approve', false, 'separation_of_duties', 'You entered this invoice; someone else must approve it.')]} action="supplier_invoice.approve">
        Approve for payment
      </ActionButton>,
    );
    const button = screen.getByRole('button', { name: 'Approve for payment' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('You entered this invoice; someone else must approve it.');
  });

  it('hides an action that means nothing to the reader (their role, or the record state)', () => {
    const { container } = render(
      <>
        <ActionButton actions={[decision('a.role', false, 'role', 'Your role does not allow this.')]} action="a.role">
          By role
        </ActionButton>
        <ActionButton actions={[decision('a.state', false, 'state', 'Not possible while the invoice is paid.')]} action="a.state">
          By state
        </ActionButton>
        <ActionButton actions={[]} action="unknown">
          Unknown
        </ActionButton>
      </>,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
