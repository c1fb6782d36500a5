/*
 * Keeps tabs in step: signing out in one tab signs out every tab, and signing in makes the
 * others check their session again. Carries no user data, only what happened.
 */

export const SESSION_CHANNEL = 'procura-session';

export type SessionEvent = 'signed-in' | 'signed-out';

// A channel delivers to every other channel object of the same name, this tab's own listener
// included; the tab's id lets the listener skip what this tab did itself (it already knows).
const TAB_ID = globalThis.crypto?.randomUUID?.() ?? String(Math.random());

function openChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SESSION_CHANNEL);
}

export function broadcastSessionEvent(event: SessionEvent): void {
  const channel = openChannel();
  if (!channel) return;
  channel.postMessage({ type: event, tab: TAB_ID });
  channel.close();
}

export function subscribeToSessionEvents(listener: (event: SessionEvent) => void): () => void {
  const channel = openChannel();
  if (!channel) return () => undefined;
  channel.onmessage = (message: MessageEvent<unknown>) => {
    const data = message.data as { type?: unknown; tab?: unknown } | null;
    if (data?.tab === TAB_ID) return;
    if (data?.type === 'signed-in' || data?.type === 'signed-out') listener(data.type);
  };
  return () => channel.close();
}
