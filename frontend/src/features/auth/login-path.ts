export const LOGIN_PATH = '/login';

/**
 * /login?next=<where the person was>, leaving out a pointless next=/. Asked while already on
 * the sign-in page, it keeps that URL (and its next) rather than nesting or dropping it.
 */
export function loginPath(next?: string): string {
  if (next?.startsWith(LOGIN_PATH)) return next;
  if (!next || next === '/') return LOGIN_PATH;
  return `${LOGIN_PATH}?${new URLSearchParams({ next }).toString()}`;
}

/** Only same-site paths are followed after sign-in, so a crafted link cannot send people away. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith(LOGIN_PATH)) return '/';
  return next;
}

/** Pages the server renders itself (the API docs), which the web app's router cannot show. */
export function isServerPage(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
