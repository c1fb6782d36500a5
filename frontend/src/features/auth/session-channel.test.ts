import { afterEach, describe, expect, it, vi } from 'vitest';

import { broadcastSessionEvent, SESSION_CHANNEL, subscribeToSessionEvents } from './session-channel';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('session channel', () => {
  let unsubscribe: () => void = () => undefined;
  afterEach(() => unsubscribe());

  it('tells this tab what another tab did', async () => {
    const listener = vi.fn();
    unsubscribe = subscribeToSessionEvents(listener);
    const otherTab = new BroadcastChannel(SESSION_CHANNEL);
    otherTab.postMessage({ type: 'signed-out', tab: 'another-tab' });
    otherTab.close();
    await tick();
    expect(listener).toHaveBeenCalledWith('signed-out');
  });

  it('does not echo this tab its own sign-in (it already has the user)', async () => {
    const listener = vi.fn();
    unsubscribe = subscribeToSessionEvents(listener);
    broadcastSessionEvent('signed-in');
    await tick();
    expect(listener).not.toHaveBeenCalled();
  });
});
