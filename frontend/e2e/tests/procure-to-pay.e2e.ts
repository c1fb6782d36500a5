import { chromium, type Page } from 'playwright-core';

import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { assert, chooseLineProduct, expectVisible, signIn, toasts } from '../lib/pages';
import { invoicePdf } from '../lib/procure-invoice-pdf';

const REQUESTER = 'requester@procura.example';
const MANAGER = 'manager@procura.example';
const BUYER = 'buyer@procura.example';
const WAREHOUSE = 'warehouse@procura.example';
const FINANCE = 'finance@procura.example';
const PAYABLES = 'payables@procura.example';
const SUPPLIER = 'Big Sky Provisions';

async function signInFresh(page: Page, baseUrl: string, email: string) {
  await page.context().clearCookies();
  await signIn(page, baseUrl, email);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), `the dashboard for ${email}`);
}

async function toast(page: Page, text: RegExp | string, what: string) {
  await expectVisible(page, toasts(page).filter({ hasText: text }), what);
}

/** Toasts are dismissed before an accessibility scan so the scan sees the page itself. */
async function dismissToasts(page: Page) {
  for (const button of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await button.click().catch(() => undefined);
}

async function scan(page: Page, label: string) {
  await dismissToasts(page);
  await checkA11y(page, label);
}

/** On hand of a product at a location, read through the API with the page's session. */
async function onHand(page: Page, product: string, locationCode: string): Promise<number> {
  return page.evaluate(
    async ([productId, code]) => {
      const response = await fetch(`/api/v1/stock-levels/?product=${productId}&page_size=50`, { headers: { Accept: 'application/json' } });
      const body = (await response.json()) as { results: Array<{ location_code: string; on_hand: string }> };
      const row = body.results.find((r) => r.location_code === code);
      return row ? Number(row.on_hand) : 0;
    },
    [product, locationCode] as const,
  );
}

// What one step hands to the next (the tests of this file run in order).
const flow = { brisket: '', number: '', requestUrl: '', poNumber: '', orderUrl: '', invoiceNumber: '', invoiceUrl: '', orderLine: { description: '', price: '' } };

test('procure to pay 1: the requester asks, the manager approves in a second browser', async ({ page, baseUrl, screenshot }) => {
  // 1. The requester asks for two cases of brisket and submits.
  await signInFresh(page, baseUrl, REQUESTER);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Purchase requests' }).click();
  await expectVisible(page, page.getByRole('table', { name: 'Purchase requests' }).getByRole('link').first(), 'the request list');
  await scan(page, 'the purchase request list');
  await screenshot(page, 'purchase-requests');
  await page.getByRole('link', { name: 'New request' }).click();
  const form = page.getByRole('form', { name: 'New purchase request' });
  await expectVisible(page, form, 'the request form');
  const title = `E2E brisket ${Date.now().toString(36)}`;
  await form.getByLabel('Title').fill(title);
  await chooseLineProduct(page, form, 1, 'brisket', /brisket/i);
  const chosen = await form.getByRole('combobox', { name: 'Product, line 1' }).inputValue();
  const sku = chosen.split(' — ')[0] ?? '';
  const brisket = await page.evaluate(async (code) => {
    const response = await fetch(`/api/v1/products/?sku=${encodeURIComponent(code)}`, { headers: { Accept: 'application/json' } });
    return ((await response.json()) as { results: Array<{ id: string }> }).results[0]?.id ?? '';
  }, sku);
  assert(brisket, `the chosen brisket product, got "${chosen}"`);
  await form.getByLabel('Quantity, line 1').fill('2');
  await form.getByLabel('Est. unit price, line 1').fill('45');
  await page.waitForFunction((name) => [...document.querySelectorAll('option')].some((o) => o.textContent?.startsWith(name)), SUPPLIER);
  const supplierOption = await form.getByLabel('Suggested supplier').locator('option', { hasText: SUPPLIER }).getAttribute('value');
  await form.getByLabel('Suggested supplier').selectOption(supplierOption ?? '');
  await expectVisible(page, form.getByTestId('line-total-0').filter({ hasText: '$90.00' }), 'the live line total');
  await expectVisible(page, form.getByTestId('grid-total').filter({ hasText: '$90.00' }), 'the live request total');
  await scan(page, 'the request form');
  await screenshot(page, 'purchase-request-form');
  await form.getByRole('button', { name: 'Save and submit for approval' }).click();
  await toast(page, /submitted for approval/, 'the submitted toast');
  await expectVisible(page, page.getByText('Pending approval').first(), 'the pending status');
  const number = ((await page.locator('header p').first().textContent()) ?? '').trim();
  assert(/^PR-\d{4}-\d+$/.test(number), `a request number, got "${number}"`);
  const requestUrl = page.url();
  await screenshot(page, 'purchase-request-detail-pending');

  // 2. The manager approves it in a second browser.
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const managerContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const manager = await managerContext.newPage();
    await signIn(manager, baseUrl, MANAGER);
    await expectVisible(manager, manager.getByRole('heading', { name: 'Dashboard', level: 1 }), "the manager's dashboard");
    await expectVisible(manager, manager.getByRole('list', { name: 'Requests waiting for your approval' }).getByRole('link', { name: number }), 'the new request in the work queue');
    await screenshot(manager, 'dashboard-manager');
    await manager.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My approvals' }).click();
    const queue = manager.getByRole('table', { name: 'Requests waiting for my approval' });
    await expectVisible(manager, queue.getByRole('link', { name: number }), 'the new request in My approvals');
    await scan(manager, 'My approvals');
    await screenshot(manager, 'my-approvals');
    await queue.getByRole('link', { name: number }).click();
    await expectVisible(manager, manager.getByText('waiting for your decision'), 'the decision banner');
    // Rejecting needs a comment: the form says so before anything is sent.
    await manager.getByRole('button', { name: 'Reject', exact: true }).click();
    await manager.getByRole('dialog').getByRole('button', { name: 'Reject request' }).click();
    await expectVisible(manager, manager.getByText('Say why the request is rejected.'), 'the required comment error');
    await manager.getByRole('dialog').getByRole('button', { name: 'Back' }).click();
    await manager.getByRole('button', { name: 'Approve', exact: true }).click();
    await manager.getByRole('dialog').getByLabel('Comment (optional)').fill('Fine for the grind program.');
    await screenshot(manager, 'purchase-request-approve');
    await manager.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await expectVisible(manager, toasts(manager).filter({ hasText: /approved/ }), "the manager's approved toast");
    await expectVisible(manager, manager.getByText('Approved', { exact: true }).first(), 'the approved status');
    await screenshot(manager, 'purchase-request-approved');
    await managerContext.close();
  } finally {
    await browser.close();
  }
  await page.goto(requestUrl);
  await expectVisible(page, page.getByRole('list', { name: 'Approval history' }).getByText('Fine for the grind program.'), 'the approval comment in the timeline');

  flow.brisket = brisket;
  flow.number = number;
  flow.requestUrl = requestUrl;
});

test('procure to pay 2: the buyer orders and issues, the warehouse receives and stock rises', async ({ page, baseUrl, screenshot }) => {
  assert(flow.number, 'step 1 must have run');
  const { number, brisket } = flow;
  // 3. The buyer orders it and issues the order.
  await signInFresh(page, baseUrl, BUYER);
  await page.goto(`${baseUrl}/purchase-orders/new`);
  const orderForm = page.getByRole('form', { name: 'Create purchase orders' });
  await expectVisible(page, orderForm.getByText(number), 'the approved request to order');
  await orderForm.getByLabel(new RegExp(number)).check();
  const shipTo = orderForm.getByLabel('Ship to');
  await page.waitForFunction(() => {
    const select = [...document.querySelectorAll('select')].find((s) => s.labels?.[0]?.textContent?.includes('Ship to'));
    return (select?.options.length ?? 0) > 1;
  });
  await shipTo.selectOption({ index: 1 });
  const locationCode = ((await shipTo.locator('option').nth(1).textContent()) ?? '').split(' — ')[0]?.trim() ?? '';
  await screenshot(page, 'purchase-order-create');
  await orderForm.getByRole('button', { name: 'Create purchase orders' }).click();
  await toast(page, /created as a draft/, 'the order created toast');
  await expectVisible(page, page.getByRole('button', { name: 'Issue to supplier' }), 'the draft order');
  const poNumber = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
  const orderUrl = page.url();
  await page.getByRole('button', { name: 'Issue to supplier' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Issue order' }).click();
  await toast(page, /issued/, 'the issued toast');
  await expectVisible(page, page.getByText('Issued', { exact: true }).first(), 'the issued status');
  await scan(page, 'the purchase order');
  await screenshot(page, 'purchase-order-issued');
  await page.goto(`${baseUrl}/purchase-orders`);
  await expectVisible(page, page.getByRole('table', { name: 'Purchase orders' }).getByRole('link', { name: poNumber }), 'the order in the list');
  await screenshot(page, 'purchase-orders');

  // 4. The warehouse receives it; over-receipt is refused on its line; stock rises.
  await signInFresh(page, baseUrl, WAREHOUSE);
  await page.goto(orderUrl);
  await expectVisible(page, page.getByRole('button', { name: 'Receive goods' }), 'the receive button');
  const before = await onHand(page, brisket, locationCode);
  await page.getByRole('button', { name: 'Receive goods' }).click();
  const receive = page.getByRole('form', { name: 'Receive goods' });
  await receive.getByLabel(/^Received \(.*\), line 1/).fill('50');
  await receive.getByRole('button', { name: 'Post receipt' }).click();
  await expectVisible(page, receive.getByText(/above the .*% tolerance/).first(), 'the over-receipt error');
  await screenshot(page, 'goods-receipt-over');
  await receive.getByLabel(/^Received \(.*\), line 1/).fill('2');
  await receive.getByRole('button', { name: 'Post receipt' }).click();
  await toast(page, /posted; stock is updated/, 'the receipt toast');
  await expectVisible(page, page.getByTestId('received-1').filter({ hasText: /^2 of 2/ }), 'the receipt progress');
  const after = await onHand(page, brisket, locationCode);
  assert(Math.abs(after - before - 2) < 1e-6, `on hand at ${locationCode} should rise by 2: ${before} -> ${after}`);
  await screenshot(page, 'purchase-order-received');

  flow.poNumber = poNumber;
  flow.orderUrl = orderUrl;
});

test('procure to pay 3: finance uploads the invoice, watches it being read, fixes a field and sees the match', async ({ page, baseUrl, screenshot }) => {
  assert(flow.poNumber, 'step 2 must have run');
  const { poNumber } = flow;
  // 5. Finance uploads the supplier's invoice, watches it being read, fixes a field, sees the match.
  await signInFresh(page, baseUrl, FINANCE);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Supplier invoices' }).click();
  await expectVisible(page, page.getByRole('table', { name: 'Supplier invoices' }), 'the invoice list');
  await screenshot(page, 'supplier-invoices');
  await page.getByRole('link', { name: 'Upload an invoice' }).click();
  const invoiceNumber = `BSP-${Date.now().toString().slice(-9)}`;
  // The invoice bills the order line as it is: same description, quantity and price.
  const orderLine = await page.evaluate(async (po) => {
    const response = await fetch(`/api/v1/purchase-orders/?search=${po}`, { headers: { Accept: 'application/json' } });
    const body = (await response.json()) as { results: Array<{ lines: Array<{ description: string; unit_price: string }> }> };
    return body.results[0]?.lines[0];
  }, poNumber);
  assert(orderLine, 'the order line');
  const price = Number(orderLine.unit_price).toFixed(2);
  const amount = (Number(price) * 2).toFixed(2);
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('Invoice file').setInputFiles({
    name: `${invoiceNumber}.pdf`,
    mimeType: 'application/pdf',
    buffer: invoicePdf({
      supplier: SUPPLIER,
      number: invoiceNumber,
      date: today,
      due: today,
      poNumber,
      currency: 'USD',
      lines: [{ description: orderLine.description, quantity: '2', unitPrice: price, amount }],
      subtotal: amount,
      tax: '0.00',
      total: amount,
    }),
  });
  await page.getByRole('button', { name: 'Upload and read' }).click();
  const bar = page.getByRole('progressbar', { name: 'Reading the invoice' });
  await expectVisible(page, bar, 'the progress bar');
  await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100', undefined, { timeout: 30_000 });
  await expectVisible(page, page.getByTestId('task-status').filter({ hasText: 'Done' }), 'the finished progress');
  await screenshot(page, 'supplier-invoice-upload-done');
  await page.getByRole('button', { name: 'Review the extracted fields' }).click();
  const fields = page.getByRole('form', { name: 'Extracted fields' });
  await expectVisible(page, fields.getByLabel('Invoice number'), 'the extracted fields');
  assert((await fields.getByLabel('Invoice number').inputValue()) === invoiceNumber, 'the invoice number was read');
  assert((await fields.getByLabel('PO number').inputValue()) === poNumber, 'the PO number was read');
  const lowFields = await fields.locator('[data-confidence="low"]').count();
  console.log(`    ${lowFields} low-confidence field(s) highlighted`);
  await scan(page, 'the invoice review');
  await screenshot(page, 'supplier-invoice-review');
  await fields.getByLabel('Supplier name').fill(`${SUPPLIER} LLC`);
  await fields.getByRole('button', { name: 'Save corrections' }).click();
  await toast(page, /Saved 1 correction/, 'the corrections toast');

  // The upload became a draft invoice tied to the order; open it and run the three-way match.
  await page.getByRole('link', { name: 'Open the draft invoice' }).click();
  await expectVisible(page, page.getByRole('heading', { name: `Invoice ${invoiceNumber}` }), 'the draft invoice', 20_000);
  await screenshot(page, 'supplier-invoice-draft');
  Object.assign(flow, { invoiceNumber, invoiceUrl: page.url(), orderLine: { description: orderLine.description, price } });
  await page.getByRole('button', { name: 'Run the match' }).click();
  await expectVisible(page, page.getByRole('heading', { name: `Invoice ${invoiceNumber}` }), 'the invoice page', 20_000);
  await expectVisible(page, page.getByTestId('match-result'), 'the match result');
  const matchText = (await page.getByTestId('match-result').textContent()) ?? '';
  console.log(`    match: ${matchText}`);
  assert(/agree/.test(matchText), `the invoice should match its order and receipt: ${matchText}`);
  await scan(page, 'the supplier invoice');
  await screenshot(page, 'supplier-invoice-matched');

  // Phone width: the invoice page still fits.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expectVisible(page, page.getByTestId('match-result'), 'the invoice on a phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert(overflow <= 1, `the invoice page scrolls sideways on a phone by ${overflow}px`);
  await screenshot(page, 'supplier-invoice-mobile');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('procure to pay 4: a credit note PDF from the supplier is a draft credit note crediting the invoice, posted and applied by payables', async ({ page, baseUrl, screenshot }) => {
  assert(flow.invoiceUrl, 'step 3 must have run');
  const { invoiceNumber, invoiceUrl, poNumber, orderLine } = flow;
  // Finance uploads the supplier's credit note for one of the two cases: a PDF titled as one,
  // naming the invoice it credits.
  await signInFresh(page, baseUrl, FINANCE);
  await page.goto(`${baseUrl}/supplier-invoices`);
  await page.getByRole('link', { name: 'Upload an invoice' }).click();
  const noteNumber = `CN-${Date.now().toString().slice(-9)}`;
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('Invoice file').setInputFiles({
    name: `${noteNumber}.pdf`,
    mimeType: 'application/pdf',
    buffer: invoicePdf({
      title: 'CREDIT NOTE',
      numberLabel: 'Credit Note Number',
      references: [`Original invoice: ${invoiceNumber}`],
      supplier: SUPPLIER,
      number: noteNumber,
      date: today,
      due: today,
      poNumber,
      currency: 'USD',
      lines: [{ description: `${orderLine.description} (returned)`, quantity: '1', unitPrice: orderLine.price, amount: orderLine.price }],
      subtotal: orderLine.price,
      tax: '0.00',
      total: orderLine.price,
    }),
  });
  await page.getByRole('button', { name: 'Upload and read' }).click();
  await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100', undefined, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Review the extracted fields' }).click();
  const fields = page.getByRole('form', { name: 'Extracted fields' });
  await expectVisible(page, fields.getByLabel('Credited invoice'), 'the credited invoice field');
  await expectVisible(page, page.getByTestId('credit-note'), 'the credit-note note');
  assert((await fields.getByLabel('Invoice number').inputValue()) === noteNumber, "the credit note's own number");
  assert((await fields.getByLabel('Credited invoice').inputValue()) === invoiceNumber, 'the invoice it credits');
  await screenshot(page, 'credit-note-review');

  await page.getByRole('link', { name: 'Open the draft invoice' }).click();
  await expectVisible(page, page.getByRole('heading', { name: `Credit note ${noteNumber}`, level: 1 }), 'the draft credit note', 20_000);
  await expectVisible(page, page.getByRole('main').getByRole('link', { name: invoiceNumber }), 'the link to the invoice it credits');
  const noteUrl = page.url();

  // Payables approves the invoice, then posts the credit note: it goes to that invoice at once.
  await signInFresh(page, baseUrl, PAYABLES);
  await page.goto(invoiceUrl);
  await expectVisible(page, page.getByRole('heading', { name: `Invoice ${invoiceNumber}` }), 'the matched invoice', 20_000);
  await page.getByRole('button', { name: 'Approve for payment' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve for payment' }).click();
  await toast(page, /approved for payment/, 'the approval toast');

  await page.goto(noteUrl);
  await expectVisible(page, page.getByRole('heading', { name: `Credit note ${noteNumber}`, level: 1 }), 'the credit note', 20_000);
  await page.getByRole('button', { name: 'Post credit note' }).click();
  const form = page.getByRole('form', { name: 'Post credit note' });
  const credited = form.getByLabel('Credits invoice');
  await expectVisible(page, credited, 'the post dialog');
  const chosen = (await credited.locator('option:checked').textContent()) ?? '';
  assert(chosen.includes(invoiceNumber), `the invoice it names is proposed: ${chosen}`);
  await scan(page, 'the post credit note dialog');
  await screenshot(page, 'credit-note-post');
  await form.getByRole('button', { name: 'Post credit note' }).click();
  await toast(page, new RegExp(`posted and applied to ${invoiceNumber}`), 'the posted toast');
  await expectVisible(page, page.getByRole('table', { name: 'Applied to invoices' }).getByRole('link', { name: invoiceNumber }), 'the application');
  const left = (await page.getByTestId('credit-left').textContent()) ?? '';
  assert(left.includes('0.00'), `all the credit went to the invoice: ${left}`);
  await screenshot(page, 'credit-note-posted');
});
