/*
 * Browser tests: runs e2e/tests/*.e2e.ts one after another in the system Chromium against
 * BASE_URL (a running Procura, default http://127.0.0.1:8000). Screenshots go to
 * test-artifacts/. Ends with "N passed, N failed" and a non-zero exit on any failure or when
 * no test ran.
 *
 *   BASE_URL=http://127.0.0.1:8765 npm run e2e [-- name-filter]
 *
 * The filter picks the tests whose name holds it; "a|b" picks those holding a or b.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium, type Page } from 'playwright-core';

import { checkA11y } from './lib/axe';
import { ARTIFACTS_DIR, registeredTests, saveScreenshot, setCurrentFile } from './lib/harness';
import { pageReadySummary } from './lib/timing';

const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8000').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TEST_TIMEOUT_MS = Number(process.env.E2E_TEST_TIMEOUT_MS ?? 60_000);
const filter = process.argv[2];

const AXE_LOG = join(ARTIFACTS_DIR, 'axe-screenshots.log');
// "strict": a violation on a screenshot's page fails its test; otherwise it is logged and counted.
const AXE_SCREENSHOTS = process.env.E2E_AXE_SCREENSHOTS ?? 'log';
const uncleanScreenshots: string[] = [];

/**
 * A test's screenshot marks a page it visited: axe checks that page as it is shown (any
 * violation, whatever its impact) before the picture is saved, so no visited page goes
 * unchecked. The findings go to test-artifacts/axe-screenshots.log and the run's summary.
 */
async function checkedScreenshot(page: Page, name: string): Promise<void> {
  try {
    await checkA11y(page, `the page of screenshot ${name}`, { strict: true });
  } catch (error) {
    if (AXE_SCREENSHOTS === 'strict') throw error;
    const message = error instanceof Error ? error.message : String(error);
    uncleanScreenshots.push(name);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    appendFileSync(AXE_LOG, `${message}\n`);
    console.log(`    axe: violations on screenshot ${name} (see test-artifacts/axe-screenshots.log)`);
  }
  await saveScreenshot(page, name);
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  // A synthetic camera, granted without a prompt, so camera scanning runs headless.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

async function loadTests(): Promise<void> {
  const dir = join(import.meta.dirname, 'tests');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.e2e.ts'))
    .sort();
  for (const file of files) {
    setCurrentFile(file);
    await import(pathToFileURL(join(dir, file)).href);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function main(): Promise<number> {
  await loadTests();
  const wanted = filter ? filter.split('|').filter(Boolean) : [];
  const tests = registeredTests().filter((t) => wanted.length === 0 || wanted.some((part) => t.name.includes(part)));
  console.log(`Running ${tests.length} browser test(s) against ${BASE_URL}`);

  rmSync(join(ARTIFACTS_DIR, 'page-ready.log'), { force: true });
  rmSync(AXE_LOG, { force: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'procura-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    // The server's Content-Security-Policy is enforced as in production: a page that breaks
    // it fails its test (axe is evaluated through the debugging protocol, which CSP allows).
    bypassCSP: false,
  });
  context.setDefaultTimeout(15_000);

  let passed = 0;
  let failed = 0;
  try {
    for (const t of tests) {
      // Each test starts signed out, with no stored preferences and a single fresh tab.
      await context.clearCookies();
      const page = await context.newPage();
      for (const other of context.pages()) if (other !== page) await other.close();
      const consoleErrors: string[] = [];
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          consoleErrors.push(`CSP violation: ${message.text()}`);
        }
      });
      const started = Date.now();
      try {
        await page.goto(`${BASE_URL}/login`);
        await page.evaluate(() => window.localStorage.clear());
        await withTimeout(
          t.run({ baseUrl: BASE_URL, context, page, screenshot: checkedScreenshot }),
          TEST_TIMEOUT_MS,
          t.name,
        );
        if (consoleErrors.length > 0) throw new Error(`Uncaught errors in the page: ${consoleErrors.join('; ')}`);
        passed += 1;
        console.log(`  ✓ ${t.file} › ${t.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed += 1;
        console.log(`  ✗ ${t.file} › ${t.name} (${Date.now() - started} ms)`);
        console.log(`    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        await saveScreenshot(page, `FAILED-${t.name}`).catch(() => undefined);
      }
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }

  const timings = pageReadySummary();
  if (timings) console.log(timings);
  console.log(
    uncleanScreenshots.length === 0
      ? 'axe: no violation on any screenshot page'
      : `axe: violations on ${uncleanScreenshots.length} screenshot page(s): ${uncleanScreenshots.join(', ')} (log: test-artifacts/axe-screenshots.log)`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
