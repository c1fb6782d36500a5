/*
 * Keeps tabs in step: signing out in one tab signs out every tab, and signing in makes the
 * others check their session again. Carries no user data, only what happened.
 */

export const SESSION_CHANNEL = 'procura-session';

export type SessionEvent = 'signed-in' | 'signed-out';

function openChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SESSION_CHANNEL);
}

export function broadcastSessionEvent(event: SessionEvent): void {
  const channel = openChannel();
  if (!channel) return;
  channel.postMessage({ type: event });
  channel.close();
}

export function subscribeToSessionEvents(listener: (event: SessionEvent) => void): () => void {
  const channel = openChannel();
  if (!channel) return () => undefined;
  channel.onmessage = (message: MessageEvent<unknown>) => {
    const type = (message.data as { type?: unknown } | null)?.type;
    if (type === 'signed-in' || type === 'signed-out') listener(type);
  };
  return () => channel.close();
}
