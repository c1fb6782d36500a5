import { afterEach, describe, expect, it, vi } from 'vitest';

import { POLL_INTERVAL_MS, pollWhileVisible } from './polling';

afterEach(() => vi.restoreAllMocks());

describe('pollWhileVisible', () => {
  it('polls every 15 s while the page is visible and pauses while hidden', () => {
    const state = vi.spyOn(document, 'visibilityState', 'get');
    state.mockReturnValue('visible');
    expect(pollWhileVisible()).toBe(POLL_INTERVAL_MS);
    expect(POLL_INTERVAL_MS).toBe(15_000);
    state.mockReturnValue('hidden');
    expect(pollWhileVisible()).toBe(false);
  });
});
