/*
 * Fast entry and charts: the command palette jumps to a record by its number and to the
 * reports; the reports page draws a year of demo business (spend by month, aging with
 * drill-down to the invoices, sales by customer); a purchase order is typed into the line grid
 * with the keyboard and a block pasted from a spreadsheet (by SKU, name and GTIN). Every page passes axe.
 */
import type { Page } from 'playwright-core';

import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { assert, chooseLineProduct, expectVisible, signIn } from '../lib/pages';
import { pageReady } from '../lib/timing';

async function signInAs(page: Page, baseUrl: string, local: string): Promise<void> {
  await page.context().clearCookies();
  await pageReady(page, `home (${local})`, () => signIn(page, baseUrl, `${local}@procura.example`), page.getByTestId('work-queue'));
}

test('reports 1: the palette finds a record by number; the reports chart a year and drill into the aging', async ({ page, baseUrl, screenshot }) => {
  await signInAs(page, baseUrl, 'finance');
  // A purchase order number from the list, found again through Ctrl+K.
  const number = await page.evaluate(async () => {
    const response = await fetch('/api/v1/purchase-orders/?page_size=1', { headers: { Accept: 'application/json' } });
    return ((await response.json()) as { results: Array<{ number: string }> }).results[0]?.number ?? '';
  });
  assert(number, 'a purchase order in the demo');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('combobox', { name: 'Search and commands' });
  await expectVisible(page, palette, 'the command palette');
  await palette.fill(number);
  await expectVisible(page, page.getByRole('option', { name: new RegExp(number) }), 'the order in the palette');
  await checkA11y(page, 'the command palette', { strict: true });
  await screenshot(page, 'command-palette');
  await pageReady(page, 'record from the palette', () => palette.press('Enter'), page.getByRole('heading', { level: 1, name: new RegExp(number) }));

  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Search and commands' }).fill('reports');
  await expectVisible(page, page.getByRole('option', { name: 'Reports' }), 'the reports section in the palette');
  await pageReady(page, 'reports', () => page.keyboard.press('Enter'), page.getByRole('heading', { level: 1, name: 'Reports' }));
  const spend = page.getByRole('region', { name: 'Spend by month' }).or(page.locator('section', { has: page.getByRole('heading', { name: 'Spend by month' }) }));
  await expectVisible(page, spend.locator('svg .recharts-bar-rectangle'), 'bars of spend by month');
  const bars = await spend.locator('svg .recharts-bar-rectangle').count();
  assert(bars >= 10, `twelve months of spend, saw ${bars} bars`);
  const aging = page.locator('section', { has: page.getByRole('heading', { name: 'Payables aging' }) });
  await aging.getByRole('button', { name: /^Not yet due/ }).click();
  await expectVisible(page, aging.getByRole('link'), 'a supplier in the drill-down');
  const sales = page.locator('section', { has: page.getByRole('heading', { name: 'Sales by customer' }) });
  const customers = await sales.locator('tbody tr').count();
  assert(customers >= 20, `sales across most customers, saw ${customers}`);
  await checkA11y(page, 'the reports', { strict: true });
  await screenshot(page, 'reports');
  await pageReady(page, 'aging drill-down', () => aging.getByRole('link').first().click(), page.getByRole('heading', { level: 1, name: 'Supplier invoices' }));
});

test('reports 2: a purchase order typed into the line grid with the keyboard and a pasted block, then its lines edited', async ({ page, baseUrl, screenshot }) => {
  await signInAs(page, baseUrl, 'buyer');
  await pageReady(page, 'new purchase order', () => page.goto(`${baseUrl}/purchase-orders/new/direct`), page.getByRole('form', { name: 'New purchase order' }));
  const form = page.getByRole('form', { name: 'New purchase order' });
  await page.waitForFunction(() => [...document.querySelectorAll('select')].every((s) => s.options.length > 1 || !s.labels?.[0]?.textContent?.match(/Supplier|Ship to/)));
  await form.getByLabel(/^Supplier/).selectOption({ index: 1 });
  await form.getByLabel(/^Ship to/).selectOption({ index: 1 });
  await chooseLineProduct(page, form, 1, 'brisket', /brisket/i);
  await form.getByLabel('Quantity, line 1').fill('10');
  await form.getByLabel('Unit price, line 1').fill('4.25');
  await form.getByLabel('Unit price, line 1').press('Enter');
  await expectVisible(page, form.getByRole('combobox', { name: 'Product, line 2' }), 'a second line from Enter');
  const [first, second] = await page.evaluate(async () => {
    const response = await fetch('/api/v1/products/?active=true&page_size=2&ordering=sku', { headers: { Accept: 'application/json' } });
    return ((await response.json()) as { results: Array<{ sku: string; name: string }> }).results;
  });
  assert(first && second, 'two active products in the demo');
  // By SKU, by name (any case) and by GTIN (the demo's catch-weight ribeye), under a header row
  // that puts the columns in another order; one row that names nothing is reported.
  const block = `Qty\tProduct\tPrice\n3\t${first.sku}\t10.00\n2\t${second.name.toUpperCase()}\t1,000.50\n1\t10614141999993\t5\n1\tNO-SUCH-SKU\t1\n`;
  await form.getByRole('combobox', { name: 'Product, line 2' }).focus();
  await page.evaluate((text) => {
    const target = document.activeElement as HTMLElement;
    const data = new DataTransfer();
    data.setData('text/plain', text);
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, block);
  await expectVisible(page, form.getByTestId('paste-report').filter({ hasText: '3 lines pasted. 1 not used' }), 'the paste report');
  await expectVisible(page, form.getByTestId('paste-report').filter({ hasText: `no product has the SKU, supplier's code, GTIN or name "NO-SUCH-SKU"` }), 'the unresolved row');
  await expectVisible(page, form.getByTestId('grid-total').filter({ hasText: '$2,078.50' }), 'the running total');
  await checkA11y(page, 'the purchase order grid', { strict: true });
  await screenshot(page, 'purchase-order-grid');
  await pageReady(page, 'saved direct order', () => form.getByRole('button', { name: 'Save draft order' }).click(), page.getByRole('heading', { level: 1, name: /^PO-/ }));

  // The draft's lines change in the same grid: line 1 from 10 to 12 at 4.25 adds 8.50.
  const number = ((await page.getByRole('heading', { level: 1, name: /^PO-/ }).textContent()) ?? '').trim();
  await pageReady(page, 'edit order lines', () => page.getByRole('button', { name: 'Edit lines' }).click(), page.getByRole('form', { name: `Edit ${number}` }));
  const edit = page.getByRole('form', { name: `Edit ${number}` });
  await edit.getByLabel('Quantity, line 1').fill('12');
  await expectVisible(page, edit.getByTestId('grid-total').filter({ hasText: '$2,087.00' }), 'the changed running total');
  await checkA11y(page, 'the order line editor', { strict: true });
  await pageReady(page, 'saved order lines', () => edit.getByRole('button', { name: 'Save changes' }).click(), page.getByRole('heading', { level: 1, name: number }));
  await expectVisible(page, page.getByText('$2,087.00').first(), 'the new order total');
});
