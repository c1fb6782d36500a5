import { screen, render, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useSessionStore } from '@/features/auth/stores/session-store';
import { resetApiClientState } from '@/lib/api-client';
import { createQueryClient } from '@/lib/query-client';
import { installFakeFetch, json, problem } from '@/testing/fake-fetch';

import { AppProvider } from './provider';
import { routes } from './router';
import { loadHome } from './routes/home-preload';

const REQUESTER = {
  id: 3,
  email: 'requester@procura.example',
  full_name: 'Rita Requester',
  phone: '',
  department: null,
  manager: null,
  spending_limit: '1500.00',
  roles: ['requester'],
  is_active: true,
  // As /auth/me/ serves them from the permission matrix.
  permissions: ['purchase_request.create', 'purchase_request.view', 'supplier_item.view'],
  permission_scopes: { 'purchase_request.create': 'own', 'purchase_request.view': 'own', 'supplier_item.view': 'all' },
};

function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProvider queryClient={createQueryClient()} router={router}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return router;
}

beforeEach(() => {
  resetApiClientState();
  document.cookie = 'csrftoken=t';
  useSessionStore.setState({ status: 'unknown', user: null, redirectTo: null });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('app routes', () => {
  it('sends signed-out visitors to sign in and back where they were', async () => {
    let signedIn = false;
    installFakeFetch({
      'GET /api/v1/auth/me/': () => (signedIn ? json(REQUESTER) : problem(401, { detail: 'Not signed in.' })),
      'POST /api/v1/auth/refresh/': () => problem(401, { detail: 'No refresh token.' }),
      'POST /api/v1/auth/login/': () => {
        signedIn = true;
        return json({ user: REQUESTER });
      },
    });
    const router = renderApp('/purchase-requests?status=draft');

    expect(await screen.findByRole('heading', { name: 'Sign in to Procura' }, { timeout: 5000 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/purchase-requests?status=draft');

    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/email/i), REQUESTER.email);
    await user.type(screen.getByLabelText(/password/i), 'procura-demo-2026');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Purchase requests', level: 1 }, { timeout: 5000 })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?status=draft');
    // Typing a whole sign-in takes a while on a loaded machine.
  }, 15_000);

  it('goes to sign in when the session cannot be refreshed mid-use', async () => {
    let expired = false;
    installFakeFetch({
      'GET /api/v1/auth/me/': () => (expired ? problem(401, { detail: 'Expired.' }) : json(REQUESTER)),
      'POST /api/v1/auth/refresh/': () => problem(401, { detail: 'Refresh token expired.' }),
    });
    const router = renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Dashboard', level: 1 })).toBeInTheDocument();

    expired = true;
    await router.navigate('/purchase-requests');
    const { apiClient } = await import('@/lib/api-client');
    await apiClient.GET('/api/v1/auth/me/').catch(() => undefined);

    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/purchase-requests');
    expect(useSessionStore.getState()).toMatchObject({ status: 'anonymous', user: null });
  });

  it('shows only permitted sections and refuses the rest', async () => {
    installFakeFetch({ 'GET /api/v1/auth/me/': () => json(REQUESTER) });
    renderApp('/users');

    expect(await screen.findByRole('heading', { name: 'No access' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav).toHaveTextContent('Purchase requests');
    expect(nav).not.toHaveTextContent('Users');
  });

  it('shows home in the first render once its code has loaded, without a loading spinner in between', async () => {
    installFakeFetch({
      'GET /api/v1/auth/me/': () => json(REQUESTER),
      'GET /api/v1/reports/work-queue/': () => json({ sections: [] }),
      'GET /api/v1/inbox/unread-count/': () => json({ unread: 0 }),
    });
    await loadHome();
    useSessionStore.getState().setUser(REQUESTER as never);

    renderApp('/');

    expect(screen.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('Nothing waits for you')).toBeInTheDocument();
  });

  it('shows a 404 page for unknown paths', async () => {
    installFakeFetch({ 'GET /api/v1/auth/me/': () => json(REQUESTER) });
    renderApp('/nowhere');

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });
});
