import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { ARTIFACTS_DIR } from './harness';

/*
 * Page-ready timings: from the click or navigation to the moment the page's main content is
 * visible. Reported (one JSON line per page in test-artifacts/page-ready.log, and a summary at
 * the end of the run), never asserted: wall-clock time depends on the machine.
 */
const timings: { label: string; ms: number }[] = [];
const LOG = join(ARTIFACTS_DIR, 'page-ready.log');

export async function pageReady(page: Page, label: string, start: () => Promise<unknown>, ready: Locator): Promise<number> {
  const started = performance.now();
  await start();
  try {
    await ready.first().waitFor({ state: 'visible', timeout: 15_000 });
  } catch {
    throw new Error(`Expected ${label} to be ready at ${page.url()}`);
  }
  const ms = Math.round(performance.now() - started);
  timings.push({ label, ms });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  appendFileSync(LOG, `${JSON.stringify({ label, ms, url: page.url() })}\n`);
  return ms;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

export function pageReadySummary(): string | null {
  if (timings.length === 0) return null;
  const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
  return `page-ready over ${sorted.length} pages: p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, max ${sorted.at(-1)} ms (log: test-artifacts/page-ready.log)`;
}
