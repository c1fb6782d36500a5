import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { resetApiClientState } from '@/lib/api-client';
import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import type { ApprovalRule } from '../api/approval-rules';
import { ApprovalRuleForm } from './approval-rule-form';
import { ApprovalRulesList } from './approval-rules-list';

const SCOPES = {
  'GET /api/v1/departments/': () => json({ count: 1, next: null, previous: null, results: [{ id: 4, name: 'Meat desk' }] }),
  'GET /api/v1/categories/tree/': () =>
    json([{ id: 1, name: 'Beef', level: 0, path: '0001', parent_id: null, product_count: 3, children: [{ id: 2, name: 'Loins', level: 1, path: '0001.0002', parent_id: 1, product_count: 1, children: [] }] }]),
  'GET /api/v1/delegations/candidates/': () => json([{ id: 9, full_name: 'Dana Deputy', email: 'dana@example.com' }]),
};

const RULE: ApprovalRule = {
  id: 7,
  name: 'Up to 10,000 USD',
  currency: 'USD',
  amount_over: '1000.00',
  amount_up_to: '10000.00',
  department: null,
  department_name: '',
  category: null,
  category_name: '',
  priority: 100,
  is_active: true,
  steps: [
    { sequence: 1, kind: 'manager', role: '', user: null, user_name: '', only_over_budget: false },
    { sequence: 2, kind: 'department_head', role: '', user: null, user_name: '', only_over_budget: false },
  ],
} as ApprovalRule;

const sent = (calls: Array<{ method: string; body: string }>, method: string) => JSON.parse(calls.find((call) => call.method === method)?.body ?? '{}') as Record<string, unknown>;

describe('ApprovalRuleForm', () => {
  beforeEach(() => {
    resetApiClientState();
    document.cookie = 'csrftoken=t';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('creates a rule for a department and category with steps in the order chosen', async () => {
    const fake = installFakeFetch({ ...SCOPES, 'POST /api/v1/approval-rules/': (request) => json({ ...RULE, ...(JSON.parse(request.body) as object), id: 8 }, { status: 201 }) });
    const saved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ApprovalRuleForm rule={null} onSaved={saved} onCancel={() => undefined} />);
    await user.type(screen.getByLabelText(/^Name/), 'Beef loins over 25k');
    await user.clear(screen.getByLabelText(/^Request total over/));
    await user.type(screen.getByLabelText(/^Request total over/), '25000');
    await screen.findByRole('option', { name: 'Beef > Loins' });
    await user.selectOptions(screen.getByLabelText('Product category'), '2');
    await user.selectOptions(screen.getByLabelText('Department'), 'Meat desk');
    // Step 1 stays the manager; step 2 is finance; step 3 a named person, moved up to second.
    await user.click(screen.getByRole('button', { name: 'Add a step' }));
    await user.selectOptions(screen.getByLabelText('Step 2: who approves'), 'Anyone holding a role');
    await user.selectOptions(screen.getByLabelText(/^Step 2: role/), 'Finance');
    await user.click(screen.getByRole('button', { name: 'Add a step' }));
    await user.selectOptions(screen.getByLabelText('Step 3: who approves'), 'A named person');
    await user.selectOptions(screen.getByLabelText(/^Step 3: person/), 'Dana Deputy');
    await user.click(within(screen.getByTestId('rule-step-2')).getByRole('checkbox', { name: 'Only when the request goes over budget' }));
    await user.click(screen.getByRole('button', { name: 'Move step 3 up' }));
    await user.click(screen.getByRole('button', { name: 'Create rule' }));

    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(sent(fake.calls, 'POST')).toEqual({
      name: 'Beef loins over 25k',
      currency: 'USD',
      amount_over: '25000',
      amount_up_to: null,
      department: 4,
      category: 2,
      priority: 100,
      is_active: true,
      steps: [
        { kind: 'manager', role: '', user: null, only_over_budget: false },
        { kind: 'user', role: '', user: 9, only_over_budget: true },
        { kind: 'role', role: 'finance', user: null, only_over_budget: false },
      ],
    });
    // Many keystrokes and clicks: more time than the default on a busy machine.
  }, 30_000);

  it('checks the form before sending and puts the server’s step errors next to the step', async () => {
    const fake = installFakeFetch({
      ...SCOPES,
      'PATCH /api/v1/approval-rules/7/': () =>
        problem(400, { detail: 'Some steps are incomplete; see errors.', errors: { 'steps.1.user': ['Dana Deputy may not approve purchase requests.'] } }),
    });
    const saved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ApprovalRuleForm rule={RULE} onSaved={saved} onCancel={() => undefined} />);
    expect(screen.getByLabelText(/^Up to/)).toHaveValue('10000.00');
    await user.clear(screen.getByLabelText(/^Up to/));
    await user.type(screen.getByLabelText(/^Up to/), '500');
    await user.selectOptions(screen.getByLabelText('Step 2: who approves'), 'A named person');
    await user.click(screen.getByRole('button', { name: 'Save rule' }));
    expect(screen.getByText('The upper amount must be greater than the lower amount.')).toBeInTheDocument();
    expect(screen.getByText('Choose the person.')).toBeInTheDocument();
    expect(fake.count('PATCH /api/v1/approval-rules/7/')).toBe(0);

    await user.clear(screen.getByLabelText(/^Up to/));
    await user.type(screen.getByLabelText(/^Up to/), '20000');
    await screen.findByRole('option', { name: 'Dana Deputy' });
    await user.selectOptions(screen.getByLabelText(/^Step 2: person/), 'Dana Deputy');
    await user.click(screen.getByRole('button', { name: 'Save rule' }));
    expect(await screen.findByText('Dana Deputy may not approve purchase requests.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Step 2: person/)).toHaveAttribute('aria-invalid', 'true');
    expect(sent(fake.calls, 'PATCH')).toMatchObject({ amount_up_to: '20000', steps: [{ kind: 'manager' }, { kind: 'user', user: 9 }] });
    expect(saved).not.toHaveBeenCalled();
  });
});

describe('ApprovalRulesList', () => {
  beforeEach(() => {
    resetApiClientState();
    document.cookie = 'csrftoken=t';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('offers New rule and Edit to administrators only', async () => {
    const fake = installFakeFetch({
      ...SCOPES,
      'GET /api/v1/approval-rules/': () => json({ count: 1, next: null, previous: null, results: [RULE] }),
      'GET /api/v1/approval-rules/7/': () => json(RULE, { headers: { ETag: '"r1"' } }),
      'PATCH /api/v1/approval-rules/7/': () => problem(412, { detail: 'The object has changed since you read it; reload it and try again.', code: 'stale' }),
    });
    const { unmount } = renderWithProviders(<ApprovalRulesList canEdit />);
    await screen.findAllByText('Up to 10,000 USD');
    expect(screen.getByRole('button', { name: 'New rule' })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /^Edit\s*Up to 10,000 USD$/ }));
    // The rule is read afresh: the edit starts from (and names) the version it shows.
    expect(await screen.findByRole('form', { name: /^Edit\s*Up to 10,000 USD$/ })).toBeInTheDocument();
    expect(screen.getByLabelText('Step 2: who approves')).toHaveValue('department_head');
    await user.click(screen.getByRole('button', { name: 'Save rule' }));
    expect(await screen.findByText(/Someone else changed this rule while you were editing it/)).toBeInTheDocument();
    expect(fake.calls.find((call) => call.method === 'PATCH')?.headers.get('If-Match')).toBe('"r1"');
    unmount();
    renderWithProviders(<ApprovalRulesList canEdit={false} />);
    await screen.findByText('Up to 10,000 USD');
    expect(screen.queryByRole('button', { name: 'New rule' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Edit/ })).not.toBeInTheDocument();
  });
});
