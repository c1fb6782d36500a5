/** Dashboards refresh this often, and only while the tab is visible. */
export const POLL_INTERVAL_MS = 15_000;

export function isPageVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState === 'visible';
}

/**
 * For TanStack Query's refetchInterval: poll while the page is visible, pause while hidden.
 * (refetchIntervalInBackground stays false and refetchOnWindowFocus brings the figures up to
 * date as soon as the person comes back.)
 */
export function pollWhileVisible(): number | false {
  return isPageVisible() ? POLL_INTERVAL_MS : false;
}
