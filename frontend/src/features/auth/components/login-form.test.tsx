import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { resetApiClientState } from '@/lib/api-client';
import { installFakeFetch, json, problem } from '@/testing/fake-fetch';
import { renderWithProviders } from '@/testing/render';

import { useMe } from '../api/get-me';
import { useSessionStore } from '../stores/session-store';

import { LoginForm } from './login-form';

const USER = {
  id: 3,
  email: 'requester@procura.example',
  full_name: 'Rita Requester',
  phone: '',
  department: null,
  manager: null,
  spending_limit: '1500.00',
  roles: ['requester'],
  is_active: true,
};

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/email/i), email);
  await user.type(screen.getByLabelText(/password/i), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

beforeEach(() => {
  resetApiClientState();
  document.cookie = 'csrftoken=t';
  useSessionStore.setState({ status: 'anonymous', user: null, redirectTo: null });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LoginForm', () => {
  it('validates before sending anything', async () => {
    const { calls } = installFakeFetch({});
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Enter your email address.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('puts server field errors next to their fields and keeps what was typed', async () => {
    installFakeFetch({
      'POST /api/v1/auth/login/': () =>
        problem(400, {
          detail: 'Invalid input.',
          errors: { email: ['No account uses this address.'], password: ['Password is too short.'] },
        }),
    });
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);

    await fillAndSubmit('nobody@procura.example', 'abc');

    const email = screen.getByLabelText(/email/i);
    const password = screen.getByLabelText(/password/i);
    await waitFor(() => expect(email).toHaveAccessibleDescription('No account uses this address.'));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription('Password is too short.');
    expect(email).toHaveValue('nobody@procura.example');
    expect(password).toHaveValue('abc');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a form-level message for wrong credentials', async () => {
    installFakeFetch({
      'POST /api/v1/auth/login/': () => problem(401, { detail: 'The email or password is not correct.' }),
    });
    const onSuccess = vi.fn();
    renderWithProviders(<LoginForm onSuccess={onSuccess} />);

    await fillAndSubmit('requester@procura.example', 'wrong-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not correct.');
    expect(onSuccess).not.toHaveBeenCalled();
    expect(useSessionStore.getState().status).toBe('anonymous');
  });

  it('tells the person how long to wait when throttled', async () => {
    installFakeFetch({
      'POST /api/v1/auth/login/': () => problem(429, { detail: 'Request was throttled.' }, { 'Retry-After': '200' }),
    });
    renderWithProviders(<LoginForm onSuccess={vi.fn()} />);

    await fillAndSubmit('requester@procura.example', 'whatever');

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts, try again in 4 minutes.');
  });

  it('signs in and stores the user', async () => {
    const { calls } = installFakeFetch({ 'POST /api/v1/auth/login/': () => json({ user: USER }) });
    const onSuccess = vi.fn();
    renderWithProviders(<LoginForm onSuccess={onSuccess} />);

    await fillAndSubmit('requester@procura.example', 'procura-demo-2026');

    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith(USER));
    expect(JSON.parse(calls[0]?.body ?? '{}')).toEqual({
      email: 'requester@procura.example',
      password: 'procura-demo-2026',
    });
    expect(useSessionStore.getState()).toMatchObject({ status: 'authenticated', user: USER });
    expect(window.localStorage.length).toBe(0);
  });

  it('lets the session check the page started answer before signing in, so its "nobody" does not end the new session', async () => {
    let answerMe: (response: Response) => void = () => undefined;
    const { calls } = installFakeFetch({
      'GET /api/v1/auth/me/': () => new Promise<Response>((resolve) => (answerMe = resolve)),
      'POST /api/v1/auth/refresh/': () => problem(401, { detail: 'No session.' }),
      'POST /api/v1/auth/login/': () => json({ user: USER }),
    });
    useSessionStore.setState({ status: 'unknown', user: null, redirectTo: null });
    function SignInPage() {
      useMe();
      return <LoginForm onSuccess={vi.fn()} />;
    }
    renderWithProviders(<SignInPage />);

    await fillAndSubmit('requester@procura.example', 'procura-demo-2026');
    expect(calls.map((c) => c.path)).not.toContain('/api/v1/auth/login/');

    answerMe(problem(401, { detail: 'Not signed in.' }));

    await waitFor(() => expect(useSessionStore.getState()).toMatchObject({ status: 'authenticated', user: USER }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(useSessionStore.getState().status).toBe('authenticated');
  });
});
