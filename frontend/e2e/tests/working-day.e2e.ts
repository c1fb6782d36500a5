/*
 * A working day from each person's home work queue: the customer places an order on the portal,
 * finance colleagues resolve, approve and pay an invoice someone else entered (one duty each), and each
 * role opens the first item waiting for them. Every page visited passes axe with no violation
 * of any impact; page-ready times are logged, screenshots saved.
 */
import type { Page } from 'playwright-core';

import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { api, assert, chooseLineProduct, expectVisible, signIn, toasts } from '../lib/pages';
import { pageReady } from '../lib/timing';

const DOMAIN = 'procura.example';

async function home(page: Page, baseUrl: string, local: string): Promise<void> {
  await page.context().clearCookies();
  await pageReady(page, `home (${local})`, () => signIn(page, baseUrl, `${local}@${DOMAIN}`), page.getByTestId('work-queue'));
  await checkA11y(page, `the home of ${local}`, { strict: true });
}

/** Toasts are dismissed before a scan so the scan sees the page itself. */
async function scan(page: Page, label: string): Promise<void> {
  for (const button of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await button.click().catch(() => undefined);
  await toasts(page).first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await checkA11y(page, label, { strict: true });
}

test('working day 1: the customer places an order from the portal', async ({ page, baseUrl, screenshot }) => {
  await home(page, baseUrl, 'customer');
  await screenshot(page, 'day-customer-home');

  const form = page.getByRole('form', { name: 'New sales order' });
  await pageReady(page, 'portal order form', () => page.getByRole('link', { name: 'Place an order' }).first().click(), form);
  assert((await form.getByLabel(/Ships from/).count()) === 0, 'the portal form asks a customer for the warehouse');
  assert((await form.getByLabel(/Discount/).count()) === 0, 'the portal form shows the staff discount');
  await chooseLineProduct(page, form, 1, 'a', /—/);
  await form.getByLabel('Quantity, line 1').fill('5');
  await form.getByLabel('Your reference').fill('PO-7781');
  await scan(page, 'the portal order form');
  await screenshot(page, 'day-customer-order-form');

  await pageReady(page, 'placed portal order', () => form.getByRole('button', { name: 'Place order' }).click(), page.getByRole('heading', { level: 1, name: /^SO-/ }));
  await expectVisible(page, toasts(page).filter({ hasText: /received/ }), 'the order received toast');
  await scan(page, 'the placed portal order');
  await screenshot(page, 'day-customer-order');

  // Until sales confirms it, the customer changes the order; a change made meanwhile (another
  // tab) is not overwritten: the save is refused with a reload, then goes through.
  const orderId = Number(/\/portal\/orders\/(\d+)/.exec(page.url())?.[1]);
  const edit = page.getByRole('form', { name: /^Edit SO-/ });
  await pageReady(page, 'portal order edit', () => page.getByRole('button', { name: 'Change order' }).click(), edit);
  assert((await edit.getByLabel(/Discount/).count()) === 0, 'the portal edit form shows the staff discount');
  assert((await edit.getByLabel('Your reference').inputValue()) === 'PO-7781', 'the edit form lost the reference');
  await scan(page, 'the portal order edit form');
  await screenshot(page, 'day-customer-order-edit');
  await api(page, 'PATCH', `/api/v1/sales-orders/${orderId}/`, { notes: 'Deliver to the back door' });
  await edit.getByLabel('Quantity, line 1').fill('6');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  const conflict = edit.getByRole('alert').filter({ hasText: 'Someone else changed this order while you were editing it' });
  await expectVisible(page, conflict, 'the edit conflict');
  await scan(page, 'the edit conflict');
  await screenshot(page, 'day-customer-order-conflict');
  await edit.getByRole('button', { name: 'Reload the latest version' }).click();
  await conflict.waitFor({ state: 'detached' });
  assert((await edit.getByLabel('Notes').inputValue()) === 'Deliver to the back door', 'the reload did not bring the other change');
  assert((await edit.getByLabel('Quantity, line 1').inputValue()) === '5', 'the reload kept the refused quantity');
  await edit.getByLabel('Quantity, line 1').fill('6');
  await pageReady(page, 'changed portal order', () => edit.getByRole('button', { name: 'Save changes' }).click(), page.getByRole('heading', { level: 1, name: /^SO-/ }));
  await expectVisible(page, toasts(page).filter({ hasText: /changed/ }), 'the order changed toast');
  const order = await api<{ notes: string; lines: Array<{ quantity: string }> }>(page, 'GET', `/api/v1/sales-orders/${orderId}/`);
  assert(order.notes === 'Deliver to the back door' && order.lines[0]?.quantity === '6.000', `the order was not changed as asked: ${JSON.stringify(order)}`);
  await scan(page, 'the changed portal order');

  // Back home, the new order heads the customer's open orders.
  const number = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expectVisible(page, page.getByRole('list', { name: 'Your open orders' }).getByRole('link', { name: number }), 'the new order in the work queue');
  // A toast about the previous page does not follow the person around.
  assert((await toasts(page).count()) === 0, 'the toast outlived the navigation');
});

test('working day 2: finance colleagues resolve, approve and pay an invoice someone else entered, one duty each', async ({ page, baseUrl, screenshot }) => {
  await home(page, baseUrl, 'payables');
  await screenshot(page, 'day-payables-home');

  const review = page.getByRole('list', { name: 'Supplier invoices to match or resolve' });
  await expectVisible(page, review.getByRole('link'), 'an invoice to resolve in the work queue');
  const heading = page.getByRole('heading', { level: 1 });
  await pageReady(page, 'supplier invoice', () => review.getByRole('link').first().click(), heading);
  await expectVisible(page, page.getByRole('button', { name: /Accept exception|Approve for payment|Record payment/ }), 'an action on the invoice');
  await scan(page, 'the supplier invoice in exception');
  await screenshot(page, 'day-payables-invoice');
  const invoiceUrl = page.url();

  // Segregation of duties: whoever accepts the exception does not approve, the approver does not pay.
  if (await page.getByRole('button', { name: 'Accept exception' }).isVisible()) {
    await page.getByRole('button', { name: 'Accept exception' }).click();
    await page.getByLabel('Why it is acceptable').fill('Price rise agreed with the plant; confirmed by e-mail.');
    await page.getByRole('dialog').getByRole('button', { name: 'Accept exception' }).click();
    await expectVisible(page, page.getByRole('button', { name: 'Approve for payment' }), 'the approve button');
    await home(page, baseUrl, 'controller');
    await pageReady(page, 'supplier invoice (controller)', () => page.goto(invoiceUrl), heading);
  }
  await page.getByRole('button', { name: 'Approve for payment' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve for payment' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /approved for payment/ }), 'the approved toast');

  await home(page, baseUrl, 'treasury');
  await pageReady(page, 'supplier invoice (treasury)', () => page.goto(invoiceUrl), heading);
  await page.getByRole('button', { name: 'Record payment' }).click();
  const payment = page.getByRole('form', { name: 'Record payment' });
  await expectVisible(page, payment, 'the payment form');
  await scan(page, 'the payment form');
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /Payment of .* recorded/ }), 'the payment toast');
  await expectVisible(page, page.getByText(/^Paid$|Partially paid/).first(), 'the paid status');
  await scan(page, 'the paid invoice');
  await screenshot(page, 'day-payables-paid');
});

/** Each role's home lists their work; the first item opens its record. */
const ROLES: { local: string; section: string }[] = [
  { local: 'manager', section: 'Requests waiting for your approval' },
  { local: 'requester', section: 'Your open requests' },
  { local: 'buyer', section: 'Purchase orders to receive' },
  { local: 'warehouse', section: 'Sales orders to pick and ship' },
  { local: 'sales', section: 'Sales orders to confirm' },
  { local: 'finance', section: 'Overdue customer invoices' },
];

test('working day 3: every role opens the first item of their work queue', async ({ page, baseUrl, screenshot }) => {
  for (const { local, section } of ROLES) {
    await home(page, baseUrl, local);
    await screenshot(page, `day-${local}-home`);
    const list = page.getByRole('list', { name: section });
    await expectVisible(page, list.getByRole('link'), `${section} for ${local}`);
    const first = list.getByRole('link').first();
    const number = ((await first.textContent()) ?? '').trim();
    await pageReady(page, `${section} item (${local})`, () => Promise.all([page.waitForURL((url) => /\/\d+$/.test(url.pathname)), first.click()]), page.getByRole('heading', { level: 1 }));
    await expectVisible(page, page.getByRole('main').getByText(number).first(), `${number} on its page`);
    await scan(page, `${number} opened by ${local}`);
    await screenshot(page, `day-${local}-record`);
  }
});

const PHONE_LISTS: { local: string; path: string; table: string }[] = [
  { local: 'buyer', path: '/purchase-requests', table: 'Purchase requests' },
  { local: 'buyer', path: '/purchase-orders', table: 'Purchase orders' },
  { local: 'finance', path: '/supplier-invoices', table: 'Supplier invoices' },
  { local: 'sales', path: '/sales-orders', table: 'Sales orders' },
  { local: 'finance', path: '/receivables', table: 'Customer invoices' },
];

test('working day 4: on a phone, the home and the lists fit the screen', async ({ page, baseUrl, screenshot }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    let signedInAs = '';
    for (const { local, path, table } of PHONE_LISTS) {
      if (signedInAs !== local) {
        await home(page, baseUrl, local);
        await screenshot(page, `phone-${local}-home`);
        signedInAs = local;
      }
      await pageReady(page, `phone ${path}`, () => page.goto(`${baseUrl}${path}`), page.getByRole('table', { name: table }).getByRole('link'));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert(overflow <= 1, `${path} scrolls sideways on a phone by ${overflow}px`);
      // The filters wait behind one button; they open in a sheet from the bottom edge.
      const filters = page.getByRole('button', { name: 'Filters', exact: true });
      await expectVisible(page, filters, `the Filters button of ${path}`);
      assert((await page.getByRole('combobox', { name: 'Status' }).count()) === 0, `${path} shows its filters before the list on a phone`);
      await scan(page, `${path} on a phone`);
      if (path === '/purchase-requests') {
        await filters.click();
        const sheet = page.getByRole('dialog', { name: 'Purchase request filters' });
        await expectVisible(page, sheet, 'the filter sheet');
        await sheet.getByRole('combobox', { name: 'Status' }).selectOption('approved');
        await scan(page, 'the filter sheet on a phone');
        await screenshot(page, 'phone-filter-sheet');
        await sheet.getByRole('button', { name: 'Show results' }).click();
        await page.waitForURL((url) => url.searchParams.get('status') === 'approved');
        await expectVisible(page, page.getByRole('table', { name: table }).getByRole('link'), 'the approved requests');
        assert((await sheet.count()) === 0 || !(await sheet.isVisible()), 'the filter sheet stayed open');
      }
      await screenshot(page, `phone-${path.slice(1).replaceAll('/', '-')}`);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});
