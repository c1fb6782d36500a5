import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { installFakeFetch, json, problem } from '@/testing/fake-fetch';

import { apiClient, apiFetch, ifMatch, recordVersion, resetApiClientState, setSessionExpiredHandler } from './api-client';
import { ApiError } from './api-error';

const USER = {
  id: 7,
  email: 'requester@procura.example',
  full_name: 'Rita Requester',
  phone: '',
  department: null,
  manager: null,
  spending_limit: '1500.00',
  roles: ['requester'],
  is_active: true,
};

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => {
  resetApiClientState();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CSRF', () => {
  it('sends cookies and no CSRF header on safe requests', async () => {
    const { calls } = installFakeFetch({ 'GET /api/v1/auth/me/': () => json(USER) });

    const { data } = await apiClient.GET('/api/v1/auth/me/');

    expect(data?.email).toBe(USER.email);
    expect(calls[0]?.credentials).toBe('same-origin');
    expect(calls[0]?.headers.has('X-CSRFToken')).toBe(false);
  });

  it('sends the csrftoken cookie as X-CSRFToken on unsafe requests', async () => {
    document.cookie = 'csrftoken=cookie-token';
    const { calls, count } = installFakeFetch({ 'POST /api/v1/auth/logout/': () => new Response(null, { status: 204 }) });

    await apiClient.POST('/api/v1/auth/logout/');

    expect(calls[0]?.headers.get('X-CSRFToken')).toBe('cookie-token');
    expect(calls[0]?.credentials).toBe('same-origin');
    expect(count('GET /api/v1/auth/csrf/')).toBe(0);
  });

  it('fetches a CSRF token first when the cookie is missing', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/auth/csrf/': () => {
        document.cookie = 'csrftoken=fresh-token';
        return json({ csrf_token: 'fresh-token' });
      },
      'POST /api/v1/auth/login/': () => json({ user: USER }),
    });

    await apiClient.POST('/api/v1/auth/login/', { body: { email: USER.email, password: 'secret' } });

    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/v1/auth/csrf/', 'POST /api/v1/auth/login/']);
    expect(calls[1]?.headers.get('X-CSRFToken')).toBe('fresh-token');
  });
});

describe('errors', () => {
  it('turns problem+json into an ApiError with field and non-field errors', async () => {
    document.cookie = 'csrftoken=t';
    installFakeFetch({
      'POST /api/v1/auth/login/': () =>
        problem(400, {
          title: 'Invalid input.',
          detail: 'Check the highlighted fields.',
          code: 'invalid',
          errors: { email: ['Enter a valid email address.'], non_field_errors: ['Account is locked.'] },
        }),
    });

    const error = await caught(apiClient.POST('/api/v1/auth/login/', { body: { email: 'x', password: 'y' } }));

    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid');
    expect(error.detail).toBe('Check the highlighted fields.');
    expect(error.fieldErrors).toEqual({ email: ['Enter a valid email address.'] });
    expect(error.nonFieldErrors).toEqual(['Account is locked.']);
  });

  it('reads Retry-After on 429', async () => {
    document.cookie = 'csrftoken=t';
    installFakeFetch({
      'POST /api/v1/auth/login/': () => problem(429, { detail: 'Request was throttled.' }, { 'Retry-After': '240' }),
    });

    const error = await caught(apiClient.POST('/api/v1/auth/login/', { body: { email: 'a@b.c', password: 'y' } }));

    expect(error.status).toBe(429);
    expect(error.code).toBe('throttled');
    expect(error.retryAfterSeconds).toBe(240);
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));

    const error = await caught(apiClient.GET('/api/v1/auth/me/'));

    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
  });

  it('does not try to refresh when the sign-in itself is refused', async () => {
    document.cookie = 'csrftoken=t';
    const { count } = installFakeFetch({
      'POST /api/v1/auth/login/': () => problem(401, { detail: 'Wrong email or password.' }),
    });

    const error = await caught(apiClient.POST('/api/v1/auth/login/', { body: { email: 'a@b.c', password: 'y' } }));

    expect(error.detail).toBe('Wrong email or password.');
    expect(count('POST /api/v1/auth/refresh/')).toBe(0);
  });
});

describe('session refresh', () => {
  it('refreshes once on 401 and retries the request', async () => {
    const { calls } = installFakeFetch({
      'GET /api/v1/auth/me/': (_request, index) => (index === 0 ? problem(401, { detail: 'Token expired.' }) : json(USER)),
      'GET /api/v1/auth/csrf/': () => json({ csrf_token: 'from-body' }),
      'POST /api/v1/auth/refresh/': () => json({ detail: 'ok' }),
    });

    const { data } = await apiClient.GET('/api/v1/auth/me/');

    expect(data?.id).toBe(USER.id);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/v1/auth/me/',
      'GET /api/v1/auth/csrf/',
      'POST /api/v1/auth/refresh/',
      'GET /api/v1/auth/me/',
    ]);
    expect(calls[2]?.headers.get('X-CSRFToken')).toBe('from-body');
  });

  it('replays the body and CSRF header of an unsafe request after refreshing', async () => {
    document.cookie = 'csrftoken=t1';
    const { calls } = installFakeFetch({
      'POST /api/v1/purchase-requests/': (_request, index) =>
        index === 0 ? problem(401, { detail: 'Token expired.' }) : json({ id: 1 }, { status: 201 }),
      'POST /api/v1/auth/refresh/': () => {
        document.cookie = 'csrftoken=t2';
        return json({ detail: 'ok' });
      },
    });

    const response = await apiFetch(
      new Request(`${location.origin}/api/v1/purchase-requests/`, {
        method: 'POST',
        body: JSON.stringify({ title: 'Pallets' }),
        headers: { 'Content-Type': 'application/json' },
      }),
    );

    expect(response.status).toBe(201);
    const [first, , retry] = calls;
    expect(first?.body).toBe('{"title":"Pallets"}');
    expect(retry?.body).toBe('{"title":"Pallets"}');
    expect(retry?.headers.get('X-CSRFToken')).toBe('t2');
  });

  it('signs out when the refresh is refused', async () => {
    document.cookie = 'csrftoken=t';
    const onExpired = vi.fn();
    setSessionExpiredHandler(onExpired);
    const { count } = installFakeFetch({
      'GET /api/v1/auth/me/': () => problem(401, { detail: 'Token expired.' }),
      'POST /api/v1/auth/refresh/': () => problem(401, { detail: 'Refresh token revoked.' }),
    });

    const error = await caught(apiClient.GET('/api/v1/auth/me/'));

    expect(error.status).toBe(401);
    expect(error.code).toBe('session_expired');
    expect(onExpired).toHaveBeenCalledTimes(1);
    expect(count('GET /api/v1/auth/me/')).toBe(1);
  });

  it('does not try to refresh when the server sees no session at all', async () => {
    const onExpired = vi.fn();
    setSessionExpiredHandler(onExpired);
    const { calls } = installFakeFetch({
      'GET /api/v1/auth/me/': () => problem(401, { code: 'no_session', detail: 'Nobody is signed in on this browser.' }),
    });

    const error = await caught(apiClient.GET('/api/v1/auth/me/'));

    expect(error.status).toBe(401);
    expect(error.code).toBe('no_session');
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/v1/auth/me/']);
    expect(onExpired).not.toHaveBeenCalled();
  });

  it('shares one refresh between concurrent 401s', async () => {
    document.cookie = 'csrftoken=t';
    let refreshed = false;
    const { count } = installFakeFetch({
      'GET /api/v1/auth/me/': () => (refreshed ? json(USER) : problem(401, { detail: 'Token expired.' })),
      'POST /api/v1/auth/refresh/': async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        refreshed = true;
        return json({ detail: 'ok' });
      },
    });

    const results = await Promise.all([
      apiClient.GET('/api/v1/auth/me/'),
      apiClient.GET('/api/v1/auth/me/'),
      apiClient.GET('/api/v1/auth/me/'),
    ]);

    expect(results.map((r) => r.data?.id)).toEqual([7, 7, 7]);
    expect(count('POST /api/v1/auth/refresh/')).toBe(1);
    expect(count('GET /api/v1/auth/me/')).toBe(6);
  });

  it('signs out only once when concurrent requests all lose their session', async () => {
    document.cookie = 'csrftoken=t';
    const onExpired = vi.fn();
    setSessionExpiredHandler(onExpired);
    const { count } = installFakeFetch({
      'GET /api/v1/auth/me/': () => problem(401, { detail: 'Token expired.' }),
      'POST /api/v1/auth/refresh/': async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return problem(401, { detail: 'Refresh token expired.' });
      },
    });

    const errors = await Promise.all([caught(apiClient.GET('/api/v1/auth/me/')), caught(apiClient.GET('/api/v1/auth/me/'))]);

    expect(errors.map((e) => e.code)).toEqual(['session_expired', 'session_expired']);
    expect(count('POST /api/v1/auth/refresh/')).toBe(1);
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it('keeps the session when the refresh cannot reach the server', async () => {
    document.cookie = 'csrftoken=t';
    const onExpired = vi.fn();
    setSessionExpiredHandler(onExpired);
    installFakeFetch({
      'GET /api/v1/auth/me/': () => problem(401, { detail: 'Token expired.' }),
      'POST /api/v1/auth/refresh/': () => Promise.reject(new TypeError('Failed to fetch')),
    });

    const error = await caught(apiClient.GET('/api/v1/auth/me/'));

    expect(error.code).toBe('network_error');
    expect(onExpired).not.toHaveBeenCalled();
  });
});

describe('record versions (ETag / If-Match)', () => {
  it('keeps the ETag of the latest read or write of a record, not of a shaped read', async () => {
    document.cookie = 'csrftoken=t';
    installFakeFetch({
      'GET /api/v1/sales-orders/5/': (request) => json({ id: 5 }, { headers: { ETag: request.search ? '"shaped"' : '"v1"' } }),
      // The server's side: the first save from v1 makes v2; another save from v1 is stale.
      'PATCH /api/v1/sales-orders/5/': (request, index) =>
        request.headers.get('If-Match') === '"v1"' && index === 0 ? json({ id: 5 }, { headers: { ETag: '"v2"' } }) : problem(412, { detail: 'The object has changed since you read it; reload it and try again.' }),
    });
    expect(recordVersion('/api/v1/sales-orders/5/')).toBeUndefined();
    await apiClient.GET('/api/v1/sales-orders/{id}/', { params: { path: { id: 5 } } });
    expect(recordVersion('/api/v1/sales-orders/5/')).toBe('"v1"');
    await apiFetch(new Request('http://localhost/api/v1/sales-orders/5/?fields=id'));
    expect(recordVersion('/api/v1/sales-orders/5/')).toBe('"v1"');

    await apiClient.PATCH('/api/v1/sales-orders/{id}/', { params: { path: { id: 5 } }, body: {}, headers: ifMatch('"v1"') });
    expect(recordVersion('/api/v1/sales-orders/5/')).toBe('"v2"');
    // The stale version is refused; the refusal does not change what is known.
    const error = await caught(apiClient.PATCH('/api/v1/sales-orders/{id}/', { params: { path: { id: 5 } }, body: {}, headers: ifMatch('"v1"') }));
    expect(error.status).toBe(412);
    expect(recordVersion('/api/v1/sales-orders/5/')).toBe('"v2"');
    expect(ifMatch(undefined)).toEqual({});
  });
});
