import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

const BLOCKING = new Set(['serious', 'critical']);

/**
 * Waits until the page's CSS transitions and animations have finished (a toast sliding in, a
 * button fading to its hover colour), so that colours are checked as people read them rather
 * than half-way through a fade. Infinite animations (spinners) are not waited for.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const running = document
      .getAnimations()
      .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.race([
      Promise.allSettled(running.map((animation) => animation.finished)),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
  });
}

/**
 * Runs axe-core on the page as it is now and fails on serious or critical violations
 * (WCAG 2.1 A and AA rules). Minor and moderate findings are printed, not failed.
 */
/** ``strict``: every violation fails, whatever its impact. */
export async function checkA11y(page: Page, label: string, { strict = false }: { strict?: boolean } = {}): Promise<void> {
  await settled(page);
  const loaded = await page.evaluate(() => 'axe' in window);
  // Evaluated rather than added as a <script> tag, so the page's strict CSP need not allow it.
  if (!loaded) await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  });
  const all = violations as AxeViolation[];
  const blocking = all.filter((v) => strict || (v.impact && BLOCKING.has(v.impact)));
  for (const v of all.filter((item) => !blocking.includes(item))) {
    console.log(`    a11y (${v.impact ?? 'n/a'}) on ${label}: ${v.id} — ${v.help}`);
  }
  if (blocking.length > 0) {
    const lines = blocking.map(
      (v) =>
        `${v.impact}: ${v.id} — ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `      at ${JSON.stringify(n.target)}: ${n.failureSummary?.split('\n').join(' ') ?? ''}`)
          .join('\n'),
    );
    throw new Error(`Accessibility violations on ${label}:\n    ${lines.join('\n    ')}`);
  }
}
