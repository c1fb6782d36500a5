import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { SignInPolicyPanel } from './sign-in-policy';

const POLICY = {
  password_sign_in: true,
  sso_providers: ['Corporate sign-in'],
  can_disable_password_sign_in: true,
  updated_at: null,
  updated_by: null,
};

describe('SignInPolicyPanel', () => {
  it('turns password sign-in off and shows who changed it', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/auth/sign-in-policy/': () => json(POLICY),
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'PATCH /api/v1/auth/sign-in-policy/': () =>
        json({ ...POLICY, password_sign_in: false, updated_at: '2026-03-02T10:00:00Z', updated_by: 'root@example.com' }),
    });
    renderWithProviders(<SignInPolicyPanel />);

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Allow single sign-on only' }));

    expect(await screen.findByText(/Only single sign-on is accepted/)).toBeInTheDocument();
    expect(screen.getByText(/by root@example.com/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Allow password sign-in again' })).toBeInTheDocument();
    const sent = calls.find((c) => c.method === 'PATCH');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ password_sign_in: false });
  });

  it('cannot turn passwords off without a provider, and shows the server’s refusal', async () => {
    installFakeFetch({
      'GET /api/v1/auth/sign-in-policy/': () => json({ ...POLICY, sso_providers: [], can_disable_password_sign_in: false }),
    });
    renderWithProviders(<SignInPolicyPanel />);

    expect(await screen.findByRole('button', { name: 'Allow single sign-on only' })).toBeDisabled();
    expect(screen.getByText(/Configure a single sign-on provider before/)).toBeInTheDocument();
  });

  it('shows a refusal from the server next to the switch', async () => {
    installFakeFetch({
      'GET /api/v1/auth/sign-in-policy/': () => json(POLICY),
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 't' }),
      'PATCH /api/v1/auth/sign-in-policy/': () =>
        problem(409, { code: 'no_sso_provider', detail: 'Password sign-in cannot be turned off while no single sign-on provider is configured.' }),
    });
    renderWithProviders(<SignInPolicyPanel />);

    await userEvent.setup().click(await screen.findByRole('button', { name: 'Allow single sign-on only' }));

    await waitFor(() => expect(screen.getByText(/cannot be turned off while no single sign-on provider/)).toBeInTheDocument());
    expect(screen.getByText(/People may sign in with their e-mail and password/)).toBeInTheDocument();
  });
});
