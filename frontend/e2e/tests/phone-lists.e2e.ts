/*
 * Every list page on a phone (390 x 844), as the person who works with it: the rows are cards
 * with every figure on the screen, the filters wait behind one button in a sheet, nothing scrolls
 * sideways, and axe finds no violation of any impact. A screenshot of each.
 */
import type { Page } from 'playwright-core';

import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { assert, expectVisible, signIn } from '../lib/pages';
import { pageReady } from '../lib/timing';

const DOMAIN = 'procura.example';
const PHONE = { width: 390, height: 844 };

/** Each list page with the person who reads it and the name of its table. */
export const LIST_PAGES: { local: string; path: string; table: string }[] = [
  { local: 'buyer', path: '/purchase-requests', table: 'Purchase requests' },
  { local: 'buyer', path: '/purchase-orders', table: 'Purchase orders' },
  { local: 'buyer', path: '/stock', table: 'Products' },
  { local: 'buyer', path: '/partners', table: 'Suppliers' },
  { local: 'manager', path: '/approvals', table: '' },
  { local: 'finance', path: '/supplier-invoices', table: 'Supplier invoices' },
  { local: 'finance', path: '/receivables', table: 'Customer invoices' },
  { local: 'finance', path: '/receivables/payments', table: '' },
  { local: 'sales', path: '/sales-orders', table: 'Sales orders' },
  { local: 'sales', path: '/sales-orders/quotes', table: 'Quotes' },
  { local: 'sales', path: '/sales-orders/shipments', table: 'Shipments' },
  { local: 'sales', path: '/sales-orders/returns', table: 'Customer returns' },
  { local: 'sales', path: '/partners/customers', table: '' },
  { local: 'warehouse', path: '/stock/levels', table: '' },
  { local: 'warehouse', path: '/stock/movements', table: '' },
  { local: 'warehouse', path: '/stock/lots', table: '' },
  { local: 'admin', path: '/users', table: 'Users' },
  { local: 'auditor', path: '/audit', table: '' },
];

async function signInOnPhone(page: Page, baseUrl: string, local: string): Promise<void> {
  await page.context().clearCookies();
  // Not every role's home has a work queue (the auditor's does not): signed in, "Sign out" shows.
  await pageReady(page, `phone home (${local})`, () => signIn(page, baseUrl, `${local}@${DOMAIN}`), page.getByRole('button', { name: 'Sign out' }));
}

/** The first row is a card inside the screen: each of its cells (the key figures) in full view. */
async function expectCards(path: string, table: ReturnType<Page['locator']>): Promise<void> {
  const rows = table.locator('tbody tr');
  const first = rows.first();
  const cells = first.locator('td');
  const count = await cells.count();
  if (count <= 1) return; // the empty state: one cell saying so
  for (let index = 0; index < count; index += 1) {
    const box = await cells.nth(index).boundingBox();
    assert(box !== null, `${path}: cell ${index + 1} of the first card is hidden`);
    assert(box.x >= 0 && box.x + box.width <= PHONE.width + 1, `${path}: cell ${index + 1} of the first card leaves the screen (${Math.round(box.x)}+${Math.round(box.width)} px)`);
  }
  // A card, not a table row: the cells stack (the second below the first).
  const [a, b] = [await cells.nth(0).boundingBox(), await cells.nth(1).boundingBox()];
  assert(a && b && b.y >= a.y + a.height - 1, `${path}: the first row is not a card (its cells sit side by side)`);
}

async function visitOnPhone(page: Page, baseUrl: string, path: string, name: string, screenshot: (page: Page, name: string) => Promise<void>): Promise<void> {
  const main = page.getByRole('main');
  const table = name ? main.getByRole('table', { name }) : main.getByRole('table').first();
  await pageReady(page, `phone ${path}`, () => page.goto(`${baseUrl}${path}`), table.locator('tbody tr').first());
  await main.locator('table[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await expectCards(path, table);

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `${path} scrolls sideways on a phone by ${overflow}px`);

  // A list with filters shows one "Filters" button; the filters open in a sheet.
  const search = main.getByRole('search').first();
  if ((await main.getByRole('search').count()) > 0) {
    const filters = search.getByRole('button', { name: 'Filters', exact: true });
    await expectVisible(page, filters, `the Filters button of ${path}`);
    assert((await search.getByRole('combobox').count()) === 0, `${path} shows its filters before the list on a phone`);
    await filters.click();
    const sheet = page.getByRole('dialog');
    await expectVisible(page, sheet, `the filter sheet of ${path}`);
    await checkA11y(page, `the filter sheet of ${path} on a phone`, { strict: true });
    await sheet.getByRole('button', { name: 'Show results' }).click();
    await sheet.waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  }
  await checkA11y(page, `${path} on a phone`, { strict: true });
  await screenshot(page, `phone-list-${path.slice(1).replaceAll('/', '-')}`);
}

// One test per person, so each stays well within the time a browser test may take.
for (const local of [...new Set(LIST_PAGES.map((entry) => entry.local))]) {
  const pages = LIST_PAGES.filter((entry) => entry.local === local);
  test(`phone lists (${local}): ${pages.map((entry) => entry.path).join(', ')} fit a phone, with cards, filters in a sheet and no axe violation`, async ({ page, baseUrl, screenshot }) => {
    await page.setViewportSize(PHONE);
    try {
      await signInOnPhone(page, baseUrl, local);
      for (const { path, table } of pages) await visitOnPhone(page, baseUrl, path, table, screenshot);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
}
