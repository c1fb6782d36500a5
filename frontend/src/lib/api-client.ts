import createClient from 'openapi-fetch';

import type { paths } from '@/api/schema';

import { ApiError, apiErrorFromResponse, networkError } from './api-error';

/*
 * The one way the web app talks to the API.
 *
 * - Cookies carry the session (HttpOnly JWTs); the app never sees a token.
 * - Unsafe methods send X-CSRFToken from the `csrftoken` cookie, fetching it first when missing.
 * - A 401 triggers one refresh of the session and one retry; concurrent 401s share the refresh.
 *   When the refresh is refused, the session-expired handler runs once (the app clears the
 *   session and goes to the sign-in page). A 401 that says no session exists ("no_session":
 *   no cookie came at all, as on the sign-in page) is an answer, not an expiry: no refresh.
 * - Any other non-2xx response is thrown as an ApiError, so callers only handle success.
 * - The ETag of each record read (detail GET) or written (PATCH/PUT) is kept by its path: an
 *   edit screen takes the version it opened with (`recordVersion`) and sends it back as
 *   If-Match (`ifMatch`), so a save over someone else's change is refused (412), not lost.
 */

export const API_PREFIX = '/api/v1';
export const CSRF_COOKIE = 'csrftoken';
export const CSRF_HEADER = 'X-CSRFToken';

const PATHS = {
  csrf: `${API_PREFIX}/auth/csrf/`,
  refresh: `${API_PREFIX}/auth/refresh/`,
  login: `${API_PREFIX}/auth/login/`,
  logout: `${API_PREFIX}/auth/logout/`,
} as const;

// A 401 from these means "no" rather than "your access token expired".
const NO_REFRESH_PATHS: ReadonlySet<string> = new Set(Object.values(PATHS));
// The problem code of a 401 from a path that the refresh cookie also reaches (/auth/me/) when
// neither session cookie came with it.
const NO_SESSION_CODE = 'no_session';
const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type SessionExpiredHandler = () => void;

let sessionExpiredHandler: SessionExpiredHandler = () => undefined;
let csrfTokenFromBody: string | null = null;
let csrfRequest: Promise<string> | null = null;
let refreshRequest: Promise<boolean> | null = null;
// Bumped on every successful refresh: a 401 for a request sent before the latest refresh
// is retried straight away instead of refreshing again.
let sessionGeneration = 0;
// Record path -> the ETag of the latest representation of it the app received.
const versions = new Map<string, string>();
const VERSIONED_METHODS: ReadonlySet<string> = new Set(['GET', 'PATCH', 'PUT']);

/** Registers what happens when the session cannot be renewed. Returns an unsubscribe. */
export function setSessionExpiredHandler(handler: SessionExpiredHandler): () => void {
  sessionExpiredHandler = handler;
  return () => {
    if (sessionExpiredHandler === handler) sessionExpiredHandler = () => undefined;
  };
}

/** Forgets cached CSRF state; for tests and after sign-out. */
export function resetApiClientState(): void {
  csrfTokenFromBody = null;
  csrfRequest = null;
  refreshRequest = null;
  sessionGeneration = 0;
  versions.clear();
}

/** The ETag of the latest representation of the record at `path` (e.g.
 * `/api/v1/sales-orders/5/`) that the app read or wrote, when the server sent one. */
export function recordVersion(path: string): string | undefined {
  return versions.get(path);
}

/** The If-Match header for a write of the version a screen opened with (none when unknown). */
export function ifMatch(version: string | undefined): Record<string, string> {
  return version ? { 'If-Match': version } : {};
}

function rememberVersion(request: Request, response: Response): void {
  const etag = response.headers.get('ETag');
  const url = new URL(request.url);
  // A query string (?fields=, ?expand=) shapes another representation than the record's own.
  if (etag && !url.search && VERSIONED_METHODS.has(request.method.toUpperCase())) versions.set(url.pathname, etag);
}

function origin(): string {
  return globalThis.location?.origin ?? 'http://localhost';
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

async function rawFetch(request: Request): Promise<Response> {
  try {
    return await globalThis.fetch(request);
  } catch (error) {
    throw networkError(error);
  }
}

async function ensureCsrfToken(): Promise<string> {
  const fromCookie = readCookie(CSRF_COOKIE);
  if (fromCookie) return fromCookie;
  if (csrfTokenFromBody) return csrfTokenFromBody;
  csrfRequest ??= (async () => {
    const response = await rawFetch(
      new Request(new URL(PATHS.csrf, origin()), { credentials: 'same-origin' }),
    );
    if (!response.ok) throw await apiErrorFromResponse(response);
    const body = (await response.json()) as { csrf_token?: unknown };
    if (typeof body.csrf_token === 'string') csrfTokenFromBody = body.csrf_token;
    const token = readCookie(CSRF_COOKIE) ?? csrfTokenFromBody;
    if (!token) throw new ApiError({ status: 0, code: 'csrf_missing', detail: 'No CSRF token.' });
    return token;
  })().finally(() => {
    csrfRequest = null;
  });
  return csrfRequest;
}

async function send(request: Request): Promise<Response> {
  if (UNSAFE_METHODS.has(request.method.toUpperCase()) && !request.headers.has(CSRF_HEADER)) {
    request.headers.set(CSRF_HEADER, await ensureCsrfToken());
  }
  return rawFetch(request);
}

/** One refresh for everyone waiting; resolves false when the session is gone. */
function refreshSession(): Promise<boolean> {
  refreshRequest ??= (async () => {
    // A network failure propagates as is: offline is not signed out.
    const response = await send(
      new Request(new URL(PATHS.refresh, origin()), { method: 'POST', credentials: 'same-origin' }),
    );
    if (response.ok) {
      sessionGeneration += 1;
      return true;
    }
    if (response.status === 401 || response.status === 403) {
      sessionExpiredHandler();
      return false;
    }
    throw await apiErrorFromResponse(response);
  })().finally(() => {
    refreshRequest = null;
  });
  return refreshRequest;
}

function sessionExpiredError(): ApiError {
  return new ApiError({
    status: 401,
    code: 'session_expired',
    detail: 'Your session has ended. Please sign in again.',
  });
}

/**
 * Whether a 401 says no session exists at all (the server sees neither session cookie): a
 * refresh cannot help then, and nothing has expired.
 */
async function saysNoSession(response: Response): Promise<boolean> {
  try {
    const body = (await response.clone().json()) as { code?: unknown } | null;
    return body?.code === NO_SESSION_CODE;
  } catch {
    return false;
  }
}

/** fetch() with the session rules above; throws ApiError for anything but 2xx. */
export async function apiFetch(input: Request): Promise<Response> {
  const path = new URL(input.url).pathname;
  const generation = sessionGeneration;
  const replay = input.clone();
  let response = await send(input);

  if (response.status === 401 && !NO_REFRESH_PATHS.has(path) && !(await saysNoSession(response))) {
    const renewed = generation !== sessionGeneration || (await refreshSession());
    if (!renewed) throw sessionExpiredError();
    response = await send(replay);
  }
  if (!response.ok) throw await apiErrorFromResponse(response);
  rememberVersion(replay, response);
  return response;
}

export const apiClient = createClient<paths>({
  baseUrl: origin(),
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  fetch: apiFetch,
});

/** openapi-fetch returns {data} or {error}; apiFetch already threw on errors, so take the data. */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    throw new ApiError({ status: result.response.status, detail: 'The server sent no data.' });
  }
  return result.data;
}
