import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { BrowserContext, Page } from 'playwright-core';

export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', 'test-artifacts');

export interface TestContext {
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** Saves a full-page screenshot to test-artifacts/<name>.png. */
  screenshot: (page: Page, name: string) => Promise<void>;
}

export interface TestCase {
  name: string;
  file: string;
  run: (t: TestContext) => Promise<void>;
}

const registry: TestCase[] = [];
let currentFile = '';

export function setCurrentFile(file: string): void {
  currentFile = file;
}

export function test(name: string, run: TestCase['run']): void {
  registry.push({ name, file: currentFile, run });
}

export function registeredTests(): readonly TestCase[] {
  return registry;
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const safe = name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${safe}.png`), fullPage: true });
}
