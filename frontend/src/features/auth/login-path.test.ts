import { describe, expect, it } from 'vitest';

import { isServerPage, loginPath, safeNextPath } from './login-path';

describe('sign-in paths', () => {
  it('sends people back only to same-site paths', () => {
    expect(safeNextPath('https://elsewhere.example/')).toBe('/');
    expect(safeNextPath('//elsewhere.example/')).toBe('/');
    expect(safeNextPath('/api/docs/')).toBe('/api/docs/');
    expect(loginPath('/api/docs/')).toBe('/login?next=%2Fapi%2Fdocs%2F');
  });

  it('knows the API docs are a page of the server, not of the web app', () => {
    expect(isServerPage('/api/docs/')).toBe(true);
    expect(isServerPage('/api/docs/?tag=sales')).toBe(true);
    expect(isServerPage('/purchase-orders')).toBe(false);
    expect(isServerPage('/apis-of-suppliers')).toBe(false);
  });
});
