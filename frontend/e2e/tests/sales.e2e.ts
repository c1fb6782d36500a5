import type { Page } from 'playwright-core';

import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { assert, chooseLineProduct, expectVisible, signIn, toasts } from '../lib/pages';

const SALES = 'sales@procura.example';
const WAREHOUSE = 'warehouse@procura.example';
const FINANCE = 'finance@procura.example';
const CUSTOMER = 'customer@procura.example';

async function signInFresh(page: Page, baseUrl: string, email: string) {
  await page.context().clearCookies();
  await signIn(page, baseUrl, email);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), `the dashboard for ${email}`);
}

async function scan(page: Page, label: string) {
  for (const button of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await button.click().catch(() => undefined);
  await checkA11y(page, label);
}

interface StockRow {
  product: string;
  product_sku: string;
  location_code: string;
  available: string;
}

/** A product with plenty available somewhere, read through the API with the page's session. */
async function wellStocked(page: Page): Promise<StockRow> {
  return page.evaluate(async () => {
    const response = await fetch('/api/v1/stock-levels/?ordering=-available_quantity&page_size=1', { headers: { Accept: 'application/json' } });
    const body = (await response.json()) as { results: StockRow[] };
    const row = body.results[0];
    if (!row) throw new Error('no stock in the demo data');
    return row;
  });
}

async function createOrder(page: Page, baseUrl: string, stock: StockRow, quantity: string): Promise<string> {
  await page.goto(`${baseUrl}/sales-orders/new`);
  const form = page.getByRole('form', { name: 'New sales order' });
  await expectVisible(page, form, 'the order form');
  await page.waitForFunction(() => {
    const select = [...document.querySelectorAll('select')].find((s) => s.labels?.[0]?.textContent?.startsWith('Customer'));
    return (select?.options.length ?? 0) > 1;
  });
  await form.getByLabel(/^Customer\*?$/).selectOption({ index: 1 });
  const location = await form.getByLabel(/^Ships from/).locator('option', { hasText: stock.location_code }).getAttribute('value');
  await form.getByLabel(/^Ships from/).selectOption(location ?? '');
  await chooseLineProduct(page, form, 1, stock.product_sku, new RegExp(`^${stock.product_sku} —`));
  await form.getByLabel('Quantity, line 1').fill(quantity);
  await form.getByRole('button', { name: 'Save draft order' }).click();
  await expectVisible(page, page.getByRole('button', { name: 'Confirm order' }), 'the draft order');
  return ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
}

const sale = { orderUrl: '', number: '' };

test('sales 1: short stock is explained line by line; a confirmed order reserves stock', async ({ page, baseUrl, screenshot }) => {
  await signInFresh(page, baseUrl, SALES);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sales orders' }).click();
  await expectVisible(page, page.getByRole('table', { name: 'Sales orders' }).getByRole('link').first(), 'the sales order list');
  await scan(page, 'the sales order list');
  await screenshot(page, 'sales-orders');
  const stock = await wellStocked(page);

  // Far more than there is: the confirmation is refused and the short line is shown.
  await createOrder(page, baseUrl, stock, String(Math.ceil(Number(stock.available)) + 1000));
  await page.getByRole('button', { name: 'Confirm order' }).click();
  await expectVisible(page, page.getByText('Not enough stock to confirm.'), 'the short-stock explanation');
  await expectVisible(page, page.getByTestId('short-line-1'), 'the short line');
  await screenshot(page, 'sales-order-short-stock');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Cancel order' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel order' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /cancelled/ }), 'the cancelled toast');

  // Two of them: confirmed, and what is available at the location drops by two.
  const number = await createOrder(page, baseUrl, stock, '2');
  await expectVisible(page, page.getByTestId('available-1'), 'the available stock');
  const before = Number(((await page.getByTestId('available-1').textContent()) ?? '').replace(/[^\d.]/g, ''));
  await scan(page, 'the sales order');
  await screenshot(page, 'sales-order-draft');
  await page.getByRole('button', { name: 'Confirm order' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /confirmed; stock is reserved/ }), 'the confirmed toast');
  await page.waitForFunction(
    (old) => Number((document.querySelector('[data-testid="available-1"]')?.textContent ?? '').replace(/[^\d.]/g, '')) !== old,
    before,
    { timeout: 10_000 },
  );
  const after = Number(((await page.getByTestId('available-1').textContent()) ?? '').replace(/[^\d.]/g, ''));
  assert(Math.abs(before - after - 2) < 1e-6, `available should drop by 2 when confirmed: ${before} -> ${after}`);
  await screenshot(page, 'sales-order-confirmed');
  sale.orderUrl = page.url();
  sale.number = number;
});

test('sales 2: the warehouse ships with a carrier and tracking, finance invoices, the customer sees it', async ({ page, baseUrl, screenshot }) => {
  assert(sale.orderUrl, 'sales 1 must have run');
  await signInFresh(page, baseUrl, WAREHOUSE);
  await page.goto(sale.orderUrl);
  await page.getByRole('button', { name: 'Ship', exact: true }).click();
  const ship = page.getByRole('form', { name: 'Ship order' });
  await page.waitForFunction(() => {
    const select = [...document.querySelectorAll('select')].find((s) => s.labels?.[0]?.textContent?.startsWith('Carrier'));
    return (select?.options.length ?? 0) > 1;
  });
  await ship.getByLabel('Carrier').selectOption({ index: 1 });
  await ship.getByLabel('Tracking number').fill('1Z999AA10123456784');
  await screenshot(page, 'sales-order-ship');
  await ship.getByRole('button', { name: 'Ship' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /shipped \(tracking 1Z999AA10123456784\)/ }), 'the shipped toast');
  await page.goto(`${baseUrl}/sales-orders/shipments`);
  await expectVisible(page, page.getByRole('cell', { name: '1Z999AA10123456784' }), 'the shipment in the list');
  await screenshot(page, 'shipments');

  await signInFresh(page, baseUrl, FINANCE);
  await expectVisible(page, page.getByTestId('queue-count-overdue_receivables'), 'the overdue receivables of the work queue');
  await screenshot(page, 'dashboard-finance');
  await page.goto(sale.orderUrl);
  await page.getByRole('button', { name: 'Invoice shipped goods' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create invoice' }).click();
  await expectVisible(page, page.getByTestId('customer-invoice-balance'), 'the new invoice');
  await scan(page, 'the customer invoice');
  await screenshot(page, 'customer-invoice');
  await page.getByRole('link', { name: '← Invoices' }).click();
  await expectVisible(page, page.getByRole('table', { name: 'Customer invoices' }), 'the invoice list');
  await screenshot(page, 'customer-invoices');
  await page.getByRole('link', { name: 'Aging' }).click();
  await expectVisible(page, page.getByRole('table', { name: 'Receivables aging' }).getByRole('cell').first(), 'the aging table');
  await scan(page, 'the receivables aging');
  await screenshot(page, 'receivables-aging');
  await page.getByRole('link', { name: 'Payments' }).click();
  await expectVisible(page, page.getByRole('table', { name: 'Customer payments' }), 'the payments list');
  await screenshot(page, 'customer-payments');

  await signInFresh(page, baseUrl, CUSTOMER);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
  await expectVisible(page, page.getByRole('table', { name: 'Your orders' }), 'the portal orders');
  await expectVisible(page, page.getByRole('heading', { name: 'Your balance' }), 'the portal balance');
  await scan(page, 'the customer portal');
  await screenshot(page, 'portal');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expectVisible(page, page.getByRole('table', { name: 'Your orders' }), 'the portal on a phone');
  await screenshot(page, 'portal-mobile');
  await page.setViewportSize({ width: 1280, height: 800 });
});
