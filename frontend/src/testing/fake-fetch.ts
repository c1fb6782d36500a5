import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string, with its '?'. */
  search: string;
  headers: Headers;
  credentials: RequestCredentials;
  body: string;
}

type Handler = (request: RecordedRequest, callIndex: number) => Response | Promise<Response>;

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
}

export function problem(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Error', status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

/**
 * Replaces global fetch with a router keyed by "METHOD /path". Unmatched requests fail the
 * test loudly. Returns the log of requests seen, in order.
 */
export function installFakeFetch(routes: Record<string, Handler>) {
  const calls: RecordedRequest[] = [];
  const counts = new Map<string, number>();
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const recorded: RecordedRequest = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      credentials: request.credentials,
      body: await request.text(),
    };
    calls.push(recorded);
    const key = `${recorded.method} ${recorded.path}`;
    const handler = routes[key];
    if (!handler) throw new Error(`Unexpected request ${key}`);
    const index = counts.get(key) ?? 0;
    counts.set(key, index + 1);
    return handler(recorded, index);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    count: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key).length,
  };
}
