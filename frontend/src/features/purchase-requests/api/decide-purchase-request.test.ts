import { describe, expect, it } from 'vitest';

import { decisionMessage } from './decide-purchase-request';

const person = (full_name: string) => ({ id: 1, full_name, email: 'x@example.com' });

describe('decisionMessage', () => {
  it('says the request still waits, and for whom, after the first of two approvals', () => {
    const saved = { number: 'PR-2026-000009', status: 'pending_approval' as const, current_step: { approver: person('Dana Director'), delegate: null } };
    expect(decisionMessage(saved as never, 'approve')).toBe('You approved PR-2026-000009. It now waits for Dana Director.');
  });

  it('says the request is approved only when it is', () => {
    expect(decisionMessage({ number: 'PR-1', status: 'approved', current_step: null } as never, 'approve')).toBe('PR-1 is approved. Purchasing can now order it.');
    expect(decisionMessage({ number: 'PR-1', status: 'rejected', current_step: null } as never, 'reject')).toBe('PR-1 rejected.');
  });
});
