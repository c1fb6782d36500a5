import type { Locator, Page } from 'playwright-core';

export const DEMO_PASSWORD = 'procura-demo-2026';

export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function expectVisible(page: Page, locator: ReturnType<Page['locator']>, what: string, timeout = 10_000) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`Expected to see ${what} at ${page.url()}`);
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The message the app is showing (one at a time). */
export function toasts(page: Page) {
  return page.locator('[data-sonner-toast]');
}

/**
 * Choose a product in a line grid's autocomplete: type into "Product, line N", wait for a
 * match whose text matches `option`, pick it with the keyboard.
 */
export async function chooseLineProduct(page: Page, scope: Locator, line: number, search: string, option: RegExp | string = search): Promise<void> {
  const box = scope.getByRole('combobox', { name: `Product, line ${line}` });
  await box.fill(search);
  const match = page.getByRole('option', { name: option }).first();
  await match.waitFor({ state: 'visible', timeout: 10_000 });
  await match.hover();
  await box.press('Enter');
}

/** A JSON call from inside the signed-in page (same cookies and CSRF token as the app). */
export async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = /(?:^|; )csrftoken=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const response = await fetch(url, {
        method,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRFToken': decodeURIComponent(csrf) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    },
    { method, url, body },
  ) as Promise<T>;
}
