import { toast as sonner, Toaster as SonnerToaster } from 'sonner';

export type ToastTone = 'info' | 'success' | 'error';

/*
 * One message at a time, out of the way (bottom right, above nothing that matters), announced
 * politely to screen readers by sonner's live region. A new message replaces the one showing, so
 * two never contradict each other. Errors stay until dismissed; the others fade.
 */
const DURATION_MS = 6000;
/** A message raised just before a navigation (e.g. "Order saved", then its page) survives it. */
const CARRY_OVER_MS = 1500;

let lastShownAt = 0;

function show(tone: ToastTone, message: string): string | number {
  sonner.dismiss();
  lastShownAt = Date.now();
  const options = {
    duration: tone === 'error' ? Number.POSITIVE_INFINITY : DURATION_MS,
    closeButton: true,
  };
  if (tone === 'error') return sonner.error(message, options);
  if (tone === 'success') return sonner.success(message, options);
  return sonner.message(message, options);
}

export const toast = {
  info: (message: string) => show('info', message),
  success: (message: string) => show('success', message),
  error: (message: string) => show('error', message),
  dismissAll: () => sonner.dismiss(),
};

/** Called on every change of page: what was said about the previous page is gone. */
export function clearToastsOnNavigation(now: number = Date.now()): void {
  if (now - lastShownAt > CARRY_OVER_MS) sonner.dismiss();
}

/** Renders the current message; mount once near the root. */
export function Toaster() {
  return (
    <SonnerToaster
      position="bottom-right"
      visibleToasts={1}
      closeButton
      containerAriaLabel="Notifications"
      toastOptions={{ closeButton: true, closeButtonAriaLabel: 'Dismiss notification' }}
    />
  );
}
