/*
 * Records that explain themselves, and the screens for what had only an API: a refused action
 * says why (segregation of duties), the per-line three-way match, linked documents, the
 * workflow with its next step, live history, closing an order, returning goods, recording a
 * delivery, delegations, approval rules (written by the administrator), portal users, payables aging and statements. Every
 * page visited passes axe with no violation of any impact.
 */
import type { Page } from 'playwright-core';

import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { assert, expectVisible, signIn, toasts } from '../lib/pages';
import { pageReady } from '../lib/timing';

const DOMAIN = 'procura.example';

async function signInAs(page: Page, baseUrl: string, local: string): Promise<void> {
  await page.context().clearCookies();
  await pageReady(page, `home (${local})`, () => signIn(page, baseUrl, `${local}@${DOMAIN}`), page.getByTestId('work-queue'));
}

async function scan(page: Page, label: string): Promise<void> {
  for (const button of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await button.click().catch(() => undefined);
  await toasts(page).first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await checkA11y(page, label, { strict: true });
}

/** Reads the API as the signed-in person (their cookies), to find a record in a given state. */
async function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'include', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return (await response.json()) as T;
  }, path) as Promise<T>;
}

interface Page_<T> {
  results: T[];
}

/** An approved, partly paid invoice that finance@ entered: one finance@ may not pay. */
async function invoiceEnteredByFinance(page: Page): Promise<number> {
  const list = await api<Page_<{ id: number }>>(page, '/api/v1/supplier-invoices/?status=partially_paid&page_size=50&ordering=-created_at');
  for (const { id } of list.results) {
    const detail = await api<{ entered_by: { email: string } | null }>(page, `/api/v1/supplier-invoices/${id}/`);
    if (detail.entered_by?.email === `finance@${DOMAIN}`) return id;
  }
  throw new Error('The demo has no partly paid invoice entered by finance@');
}

test('records 1: whoever entered an invoice sees why they may not pay it, and the match line by line', async ({ page, baseUrl, screenshot }) => {
  await signInAs(page, baseUrl, 'finance');
  const id = await invoiceEnteredByFinance(page);
  await pageReady(page, 'supplier invoice (enterer)', () => page.goto(`${baseUrl}/supplier-invoices/${id}`), page.getByRole('heading', { level: 1, name: /^Invoice / }));

  const pay = page.getByRole('button', { name: 'Record payment' });
  await expectVisible(page, pay, 'the payment button');
  assert(await pay.isDisabled(), 'the enterer can click Record payment');
  await expectVisible(page, page.getByText('You entered this invoice; someone else must pay it.'), 'the segregation-of-duties reason');
  const next = page.getByTestId('next-step');
  assert(/Pay the balance/.test((await next.textContent()) ?? ''), 'the next step is not the payment');
  assert(/someone other than/.test((await next.textContent()) ?? ''), 'the next step does not say who may take it');

  const match = page.getByRole('table', { name: 'Three-way match by line' });
  await expectVisible(page, match, 'the per-line match table');
  for (const header of ['Ordered', 'Received', 'Invoiced', 'Price variance', 'Tolerance']) {
    await expectVisible(page, match.getByRole('columnheader', { name: header }), `the ${header} column`);
  }
  assert(/\$\d/.test((await match.textContent()) ?? ''), 'prices in the match table are not formatted as money');
  assert(!/#\d/.test((await page.getByRole('main').textContent()) ?? ''), 'an internal id (#n) is shown on the invoice');
  await scan(page, 'the invoice its enterer may not approve');
  await screenshot(page, 'records-invoice-enterer');

  const links = page.getByRole('list', { name: 'Linked documents' });
  const order = links.getByRole('link', { name: /^PO-/ }).first();
  await expectVisible(page, order, 'the linked purchase order');
  const number = ((await order.textContent()) ?? '').trim();
  await pageReady(page, 'linked purchase order', () => order.click(), page.getByRole('heading', { level: 1, name: number }));
  await expectVisible(page, page.getByRole('region', { name: `Where ${number} stands` }), 'the order workflow');
  await expectVisible(page, page.getByRole('list', { name: 'Linked documents' }).getByRole('link').first(), 'the documents linked to the order');
  await scan(page, 'the order linked from the invoice');
  await screenshot(page, 'records-order-links');
});

test('records 2: a colleague pays part of the invoice and its history updates without a reload', async ({ page, baseUrl, screenshot }) => {
  await signInAs(page, baseUrl, 'finance');
  const id = await invoiceEnteredByFinance(page);
  // Treasury pays: finance@ entered the invoice and payables@ approved it.
  await signInAs(page, baseUrl, 'treasury');
  await pageReady(page, 'supplier invoice (colleague)', () => page.goto(`${baseUrl}/supplier-invoices/${id}`), page.getByRole('heading', { level: 1, name: /^Invoice / }));
  const history = page.locator('section', { has: page.getByRole('heading', { name: 'History', level: 2 }) }).locator('ol > li');
  await expectVisible(page, history, 'the history');
  const before = await history.count();
  const pay = page.getByRole('button', { name: 'Record payment' });
  assert(await pay.isEnabled(), 'a colleague cannot pay the invoice');
  await pay.click();
  const payment = page.getByRole('form', { name: 'Record payment' });
  // A part only: the order stays open for the buyer's test of closing it.
  await payment.getByLabel(/^Amount/).fill('10.00');
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /Payment of .* recorded/ }), 'the payment toast');
  const deadline = Date.now() + 10_000;
  while ((await history.count()) <= before && Date.now() < deadline) await page.waitForTimeout(200);
  assert((await history.count()) > before, 'the history did not show the payment without a reload');
  await scan(page, 'the invoice after a payment');
  await screenshot(page, 'records-invoice-paid-part');
});

test('records 3: a buyer closes a received order', async ({ page, baseUrl, screenshot }) => {
  await signInAs(page, baseUrl, 'buyer');
  const received = await api<Page_<{ id: number; number: string }>>(page, '/api/v1/purchase-orders/?status=received&page_size=1');
  const order = received.results[0];
  assert(order, 'the demo has no received purchase order');
  await pageReady(page, 'received purchase order', () => page.goto(`${baseUrl}/purchase-orders/${order.id}`), page.getByRole('heading', { level: 1, name: order.number }));
  await page.getByRole('button', { name: 'Close order' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Close order' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: `${order.number} closed.` }), 'the closed toast');
  const stepper = page.getByRole('region', { name: `Where ${order.number} stands` });
  await expectVisible(page, stepper.locator('[aria-current="step"]', { hasText: 'Closed' }), 'Closed as the current step');
  await scan(page, 'the closed order');
  await screenshot(page, 'records-order-closed');
});

test('records 4: the warehouse returns goods to the supplier and records a delivery', async ({ page, baseUrl, screenshot }) => {
  await signInAs(page, baseUrl, 'warehouse');
  const partial = await api<Page_<{ id: number; number: string }>>(page, '/api/v1/purchase-orders/?status=partially_received&page_size=1');
  const order = partial.results[0];
  assert(order, 'the demo has no partially received purchase order');
  await pageReady(page, 'order to return from', () => page.goto(`${baseUrl}/purchase-orders/${order.id}`), page.getByRole('heading', { level: 1, name: order.number }));
  await page.getByRole('list', { name: 'Goods receipts' }).getByRole('button', { name: 'Return to supplier' }).first().click();
  const form = page.getByRole('form', { name: /^Return goods of / });
  await expectVisible(page, form, 'the return form');
  await form.getByRole('button', { name: 'Return to supplier' }).click();
  await expectVisible(page, form.getByText('Say why the goods go back'), 'the reason required message');
  await form.getByLabel(/^Return of line/).first().fill('1');
  await form.getByLabel('Reason').fill('Two cases arrived thawed.');
  await scan(page, 'the return form');
  await form.getByRole('button', { name: 'Return to supplier' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /on their way back/ }), 'the return toast');
  await expectVisible(page, page.getByRole('list', { name: 'Goods receipts' }).getByText(/returned 1/), 'the returned quantity on the receipt');
  await screenshot(page, 'records-goods-returned');

  const shipped = await api<Page_<{ id: number; number: string }>>(page, '/api/v1/sales-orders/?status=shipped&page_size=1');
  const sale = shipped.results[0];
  assert(sale, 'the demo has no shipped sales order');
  await pageReady(page, 'shipped sales order', () => page.goto(`${baseUrl}/sales-orders/${sale.id}`), page.getByRole('heading', { level: 1, name: sale.number }));
  await expectVisible(page, page.getByTestId('next-step'), 'the next step of the order');
  const shipments = page.getByRole('list', { name: 'Shipments of the order' });
  await shipments.getByRole('button', { name: /Mark delivered/ }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Record delivery' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /delivered\./ }), 'the delivered toast');
  await expectVisible(page, shipments.getByText('Delivered'), 'the delivered shipment');
  await scan(page, 'the delivered order');
  await screenshot(page, 'records-shipment-delivered');
});

test('records 5: an approver plans a delegation and reads the approval rules; the administrator writes one', async ({ page, baseUrl, screenshot }) => {
  await signInAs(page, baseUrl, 'manager');
  await pageReady(page, 'delegations', () => page.goto(`${baseUrl}/approvals/delegations`), page.getByRole('heading', { level: 1, name: 'Delegations' }));
  const form = page.getByRole('form', { name: 'New delegation' });
  const delegate = form.getByLabel(/Who decides for you/);
  await page.waitForFunction(() => [...document.querySelectorAll('select')].some((s) => s.options.length > 1));
  await delegate.selectOption({ index: 1 });
  const name = ((await delegate.locator('option:checked').textContent()) ?? '').trim();
  // Next year, so the demo's waiting approvals stay with the manager.
  const year = new Date().getFullYear() + 1;
  await form.getByLabel('From').fill(`${year}-07-01`);
  await form.getByLabel(/^Until/).fill(`${year}-07-14`);
  await form.getByLabel('Reason').fill('Summer holiday');
  await scan(page, 'the delegation form');
  await form.getByRole('button', { name: 'Delegate my approvals' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: `${name} decides your approvals` }), 'the delegation toast');
  await expectVisible(page, page.getByRole('table', { name: 'Delegations' }).getByRole('cell', { name: name }), 'the delegation in the list');
  await screenshot(page, 'records-delegation');

  await pageReady(page, 'approval rules', () => page.getByRole('navigation', { name: 'Approval sections' }).getByRole('link', { name: 'Approval rules' }).click(), page.getByRole('table', { name: 'Approval rules' }).getByRole('row').nth(1));
  assert((await page.getByRole('button', { name: /^Deactivate/ }).count()) === 0, 'an approver may switch approval rules off');
  await scan(page, 'the approval rules');
  await screenshot(page, 'records-approval-rules');

  // The administrator writes a rule (a missing role is caught before saving), then reorders it.
  await signInAs(page, baseUrl, 'admin');
  const rules = page.getByRole('table', { name: 'Approval rules' });
  await pageReady(page, 'approval rules (admin)', () => page.goto(`${baseUrl}/approvals/rules`), rules.getByRole('row').nth(1));
  await page.getByRole('button', { name: 'New rule' }).click();
  const rule = page.getByRole('form', { name: 'New approval rule' });
  await rule.getByLabel(/^Name/).fill('Capital purchases over 900,000');
  await rule.getByLabel(/^Request total over/).fill('900000');
  await rule.getByLabel('Step 1: who approves').selectOption('department_head');
  await rule.getByRole('button', { name: 'Add a step' }).click();
  await rule.getByLabel('Step 2: who approves').selectOption('role');
  await rule.getByRole('button', { name: 'Create rule' }).click();
  await expectVisible(page, rule.getByText('Choose the role.'), 'the missing role message');
  await rule.getByLabel(/^Step 2: role/).selectOption('finance');
  await scan(page, 'the approval rule form');
  await screenshot(page, 'records-approval-rule-form');
  await rule.getByRole('button', { name: 'Create rule' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: 'Capital purchases over 900,000 created' }), 'the created toast');
  const created = rules.getByRole('row', { name: /Capital purchases over 900,000/ });
  await expectVisible(page, created.locator('ol li').nth(1).filter({ hasText: 'finance' }), 'finance as the second step');
  await created.getByRole('button', { name: /^Edit/ }).click();
  const edit = page.getByRole('form', { name: 'Edit Capital purchases over 900,000' });
  await edit.getByRole('button', { name: 'Move step 2 up' }).click();
  await edit.getByRole('button', { name: 'Save rule' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: 'Capital purchases over 900,000 saved' }), 'the saved toast');
  await expectVisible(page, created.locator('ol li').first().filter({ hasText: 'finance' }), 'finance moved to the first step');
  await scan(page, 'the approval rules after an edit');
});

test('records 6: finance reads the payables aging, a statement and an invoice it records a payment on; the customer their own', async ({ page, baseUrl, screenshot }) => {
  await signInAs(page, baseUrl, 'finance');
  await pageReady(page, 'payables aging', () => page.goto(`${baseUrl}/supplier-invoices/aging`), page.getByRole('table', { name: 'Payables aging by supplier' }).getByRole('link'));
  await expectVisible(page, page.locator('dl[aria-label="Payables aging by supplier: totals"]'), 'the payables totals');
  await scan(page, 'the payables aging');
  await screenshot(page, 'records-ap-aging');

  await pageReady(page, 'statement page', () => page.goto(`${baseUrl}/receivables/statement`), page.getByLabel('Customer'));
  await page.waitForFunction(() => (document.querySelector('select')?.options.length ?? 0) > 1);
  await page.getByLabel('Customer').selectOption({ index: 1 });
  const year = new Date().getFullYear();
  await page.getByLabel('From').fill(`${year - 1}-01-01`);
  await expectVisible(page, page.getByRole('table', { name: 'Statement of account' }), 'the statement');
  await expectVisible(page, page.getByTestId('statement-closing'), 'the balance due');
  await scan(page, 'a customer statement');
  await screenshot(page, 'records-statement');

  // A customer invoice explains itself like the other records: where it stands, what is next,
  // the documents around it, and the payment recorded from the page.
  const open = await api<Page_<{ id: number; number: string }>>(page, '/api/v1/customer-invoices/?status=open&ordering=due_date');
  const invoice = open.results[0];
  assert(invoice, 'the demo has no open customer invoice');
  await pageReady(page, 'customer invoice', () => page.goto(`${baseUrl}/receivables/invoices/${invoice.id}`), page.getByRole('heading', { level: 1, name: `Invoice ${invoice.number}` }));
  await expectVisible(page, page.getByRole('region', { name: `Where invoice ${invoice.number} stands` }).getByText(/Collect the payment/), 'the next step');
  const linked = page.getByRole('list', { name: 'Linked documents' });
  await expectVisible(page, linked.getByRole('link', { name: /^SO-/ }), 'the order among the linked documents');
  await page.getByRole('button', { name: 'Record payment' }).click();
  const payment = page.getByRole('form', { name: 'Record customer payment' });
  await payment.getByLabel('Amount').fill('1.00');
  await scan(page, 'the payment form on a customer invoice');
  await payment.getByRole('button', { name: /Record/ }).click();
  await expectVisible(page, toasts(page).filter({ hasText: `recorded against ${invoice.number}` }), 'the payment toast');
  await expectVisible(page, linked.getByText('Payment received'), 'the payment among the linked documents');
  await expectVisible(page, page.getByRole('region', { name: `Where invoice ${invoice.number} stands` }).getByText('Now: Partially paid'), 'the partly paid step');
  await scan(page, 'a customer invoice with a payment');
  await screenshot(page, 'records-customer-invoice');

  await signInAs(page, baseUrl, 'customer');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
  await pageReady(page, 'portal statement', () => page.getByRole('link', { name: 'Statement of account' }).click(), page.getByRole('table', { name: 'Statement of account' }));
  await scan(page, 'the portal statement');
  await screenshot(page, 'records-portal-statement');

  // The customer reads their invoice with the same stepper; recording payments and credits are not theirs.
  const theirs = await api<Page_<{ id: number; number: string; kind: string }>>(page, '/api/v1/customer-invoices/');
  const own = theirs.results.find((row) => row.kind === 'invoice');
  assert(own, 'the portal customer has no invoice');
  await pageReady(page, 'portal invoice', () => page.goto(`${baseUrl}/portal/invoices/${own.id}`), page.getByRole('heading', { level: 1, name: `Invoice ${own.number}` }));
  await expectVisible(page, page.getByRole('region', { name: `Where invoice ${own.number} stands` }), 'the stepper on the portal');
  assert((await page.getByRole('button', { name: /Record payment|Credit this invoice/ }).count()) === 0, 'the portal offers a finance action');
  await scan(page, 'a portal invoice');
});

test('records 7: sales reads which portal login orders for which customer; only administrators link', async ({ page, baseUrl, screenshot }) => {
  await signInAs(page, baseUrl, 'sales');
  await pageReady(page, 'portal users (sales)', () => page.goto(`${baseUrl}/partners/portal-users`), page.getByRole('table', { name: 'Portal users' }).getByRole('row').nth(1));
  assert((await page.getByRole('form', { name: 'Link a portal user' }).count()) === 0, 'sales is offered to link portal users');
  assert(!/#\d/.test((await page.getByRole('table', { name: 'Portal users' }).textContent()) ?? ''), 'internal ids in the portal users list');
  await scan(page, 'portal users for sales');

  await signInAs(page, baseUrl, 'admin');
  await pageReady(page, 'portal users (admin)', () => page.goto(`${baseUrl}/partners/portal-users`), page.getByRole('form', { name: 'Link a portal user' }));
  await scan(page, 'portal users for an administrator');
  await screenshot(page, 'records-portal-users');
});
