import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { api, assert, expectVisible, signIn, toasts } from '../lib/pages';

const BUYER = 'buyer@procura.example';
const WAREHOUSE = 'warehouse@procura.example';
const CATCH_WEIGHT_SKU = 'BEEF-RIBEYE-LIP-CW';
const GTIN = '10614141999993';

function yymmdd(daysAhead: number): string {
  const day = new Date(Date.now() + daysAhead * 86_400_000);
  return day.toISOString().slice(2, 10).replaceAll('-', '');
}

/** A GS1-128 case label as a keyboard-wedge scanner types it (AIs in brackets). */
function caseLabel(lot: string, hundredthsOfLb: number): string {
  return `(01)${GTIN}(17)${yymmdd(30)}(3202)${String(hundredthsOfLb).padStart(6, '0')}(10)${lot}`;
}

test('warehouse receives catch-weight cases into a lot by scanning labels, the camera decoder is served from our own assets', async ({ page, context, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, BUYER);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  const products = await api<{ results: Array<{ id: string }> }>(page, 'GET', `/api/v1/products/?search=${CATCH_WEIGHT_SKU}`);
  const product = products.results[0];
  assert(product, 'the demo catch-weight product');
  // Bought from the supplier whose plant packed the demo lots, into the demo cold store.
  const demoLots = await api<{ results: Array<{ supplier: number }> }>(page, 'GET', '/api/v1/lots/?search=RB-2611-A');
  const locations = await api<{ results: Array<{ id: number }> }>(page, 'GET', '/api/v1/locations/?ordering=code&page_size=1');
  const order = await api<{ id: number; number: string }>(page, 'POST', '/api/v1/purchase-orders/', {
    supplier: demoLots.results[0]?.supplier,
    ship_to: locations.results[0]?.id,
    lines: [{ product: product.id, quantity: '2', unit_price: '612.0000' }],
  });
  await api(page, 'POST', `/api/v1/purchase-orders/${order.id}/issue/`, {});
  await context.clearCookies();

  await signIn(page, baseUrl, WAREHOUSE);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  const offOrigin: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(baseUrl) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) offOrigin.push(request.url());
  });
  await page.goto(`${baseUrl}/purchase-orders/${order.id}`);
  await page.getByRole('button', { name: 'Receive by scanning' }).click();
  const field = page.getByLabel('Scan a case label');
  const lot = `E2E-${Date.now().toString(36).toUpperCase()}`;

  // A malformed label and a case far outside the weight tolerance add nothing.
  await field.fill('(01)123');
  await field.press('Enter');
  await expectVisible(page, page.getByText(/not a GS1-128 case label/), 'the malformed-label error');
  await field.fill(caseLabel(lot, 9000));
  await field.press('Enter');
  await expectVisible(page, page.getByText(/tolerance/i), 'the weight-outside-tolerance error');
  const cases = page.getByRole('table', { name: 'Scanned cases' });
  await expectVisible(page, cases.getByText('No case scanned yet.'), 'no case added by a bad scan');

  await field.fill(caseLabel(lot, 6050));
  await field.press('Enter');
  await expectVisible(page, cases.getByRole('cell', { name: lot }), 'the first scanned case');
  await field.fill(caseLabel(lot, 5925));
  await field.press('Enter');
  await expectVisible(page, page.getByText(`2 case(s) of lot ${lot}, 119.750 net`), 'two cases of the lot with their summed weight');
  await checkA11y(page, 'receiving by scanning');

  // The camera: with no native BarcodeDetector, the ZXing WebAssembly comes from /assets/.
  const wasm = page.waitForResponse((response) => response.url().endsWith('.wasm'), { timeout: 20_000 });
  await page.getByRole('button', { name: 'Scan with camera' }).click();
  const wasmResponse = await wasm;
  assert(wasmResponse.url().startsWith(`${baseUrl}/assets/`), `ZXing loaded from ${wasmResponse.url()}`);
  assert(wasmResponse.status() === 200, `the decoder answered ${wasmResponse.status()}`);
  assert((wasmResponse.headers()['content-type'] ?? '').startsWith('application/wasm'), 'served as application/wasm');
  await page.waitForTimeout(1500);
  assert((await page.getByText(/^Camera:/).count()) === 0, 'the decoder runs on the camera frames without error');
  await page.getByRole('button', { name: 'Stop camera' }).click();
  assert(offOrigin.length === 0, `requests left the site: ${offOrigin.join(', ')}`);
  await screenshot(page, 'scan-receive');

  await page.getByRole('button', { name: 'Post receipt' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /GRN-/ }), 'the posted receipt');
  const lots = await api<{ results: Array<{ code: string; on_hand: string; weight_on_hand: string }> }>(page, 'GET', `/api/v1/lots/?search=${lot}`);
  const received = lots.results[0];
  assert(received, `lot ${lot} exists`);
  assert(Number(received.on_hand) === 2 && received.weight_on_hand === '119.750', `the lot holds two cases, 119.750 lb: ${JSON.stringify(received)}`);
});

test('a case order is priced from the customer price list, shipped by scanning (first expiring first), invoiced by shipped weight and partly credited', async ({ page, context, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, 'admin@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  const products = await api<{ results: Array<{ id: string }> }>(page, 'GET', `/api/v1/products/?search=${CATCH_WEIGHT_SKU}`);
  const demoLots = await api<{ results: Array<{ id: number }> }>(page, 'GET', '/api/v1/lots/?search=RB-2611-A');
  const report = await api<Array<{ customer: number }>>(page, 'GET', `/api/v1/recalls/report/?lot=${demoLots.results[0]?.id}`);
  const locations = await api<{ results: Array<{ id: number }> }>(page, 'GET', '/api/v1/locations/?ordering=code&page_size=1');
  const order = await api<{ id: number; number: string; lines: Array<{ unit_price: string; price_source: string }> }>(page, 'POST', '/api/v1/sales-orders/', {
    customer: report[0]?.customer,
    location: locations.results[0]?.id,
    lines: [{ product: products.results[0]?.id, quantity: '2' }],
  });
  assert(/price list/i.test(order.lines[0]?.price_source ?? ''), `the price comes from the customer's price list: ${JSON.stringify(order.lines[0])}`);
  await api(page, 'POST', `/api/v1/sales-orders/${order.id}/confirm/`, { override_credit: true, comment: 'Browser test' });
  await context.clearCookies();

  await signIn(page, baseUrl, WAREHOUSE);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.goto(`${baseUrl}/sales-orders/${order.id}`);
  await page.getByRole('button', { name: 'Ship by scanning' }).click();
  const pickList = page.getByRole('table', { name: 'Pick list (first expiring first)' });
  await expectVisible(page, pickList.getByRole('row').nth(1), 'the pick list');
  const firstLot = (await pickList.getByRole('row').nth(1).getByRole('cell').nth(1).textContent())?.trim() ?? '';
  assert(firstLot, 'the first lot to pick');
  const field = page.getByLabel('Scan a case label');
  await field.fill(`(01)${GTIN}(3202)006000(10)NO-SUCH-LOT`);
  await field.press('Enter');
  await expectVisible(page, page.getByText(/NO-SUCH-LOT/).and(page.getByText(/not in stock/)), 'a lot we do not hold is refused');
  for (const hundredths of [6000, 5900]) {
    await field.fill(`(01)${GTIN}(3202)${String(hundredths).padStart(6, '0')}(10)${firstLot}`);
    await field.press('Enter');
  }
  await field.fill(`(01)${GTIN}(3202)006000(10)${firstLot}`);
  await field.press('Enter');
  await expectVisible(page, page.getByText(/All 2 reserved case\(s\) of BEEF-RIBEYE-LIP-CW are already scanned/), 'no more cases than reserved');
  await expectVisible(page, page.getByText(`${CATCH_WEIGHT_SKU}: 2 of 2 case, 119.000 lb`), 'two cases and their weight');
  await checkA11y(page, 'shipping by scanning');
  await screenshot(page, 'scan-ship');
  await page.getByRole('button', { name: 'Ship 2 case(s)' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /SHP-.* shipped: 2 case\(s\)/ }), 'the shipment');
  await context.clearCookies();

  await signIn(page, baseUrl, 'finance@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.goto(`${baseUrl}/sales-orders/${order.id}`);
  await page.getByRole('button', { name: 'Invoice shipped goods' }).click();
  await page.getByRole('button', { name: 'Create invoice' }).click();
  await page.waitForURL(/\/receivables\/invoices\/\d+/);
  const invoiceId = /invoices\/(\d+)/.exec(page.url())?.[1];
  const invoice = await api<{ lines: Array<{ quantity: string; unit: string; unit_price: string }> }>(page, 'GET', `/api/v1/customer-invoices/${invoiceId}/`);
  assert(invoice.lines[0]?.quantity === '119.000' && invoice.lines[0].unit === 'lb', `billed by shipped weight: ${JSON.stringify(invoice.lines)}`);
  assert(invoice.lines[0].unit_price === order.lines[0]?.unit_price, 'at the snapshotted price-list price');

  // Credit 10 lb of it: the invoice balance and the customer's aging fall by the credit note.
  type Aging = { rows: Array<{ customer: number; total: string }> };
  const agingTotal = async () => {
    const aging = await api<Aging>(page, 'GET', `/api/v1/receivables/aging/?customer=${report[0]?.customer}`);
    return Number(aging.rows.find((row) => row.customer === report[0]?.customer)?.total ?? '0');
  };
  const balance = async () => Number((await api<{ balance: string }>(page, 'GET', `/api/v1/customer-invoices/${invoiceId}/`)).balance);
  const [agingBefore, balanceBefore] = [await agingTotal(), await balance()];
  await page.getByRole('button', { name: 'Credit this invoice' }).click();
  await page.getByLabel(/^Credit quantity \(lb\)/).fill('10');
  await page.getByLabel('Details').fill('Two cases arrived warm; 10 lb credited');
  await page.getByRole('button', { name: 'Issue credit note' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /CN-.* issued/ }), 'the credit note');
  const [agingAfter, balanceAfter] = [await agingTotal(), await balance()];
  const credited = Math.round((balanceBefore - balanceAfter) * 100) / 100;
  assert(credited > 0, `the invoice balance fell: ${balanceBefore} -> ${balanceAfter}`);
  assert(Math.round((agingBefore - agingAfter) * 100) / 100 === credited, `aging fell by the credit: ${agingBefore} -> ${agingAfter}`);
});

test('a drop-ship purchase order is bought from an approved plant (an unapproved one is refused), freight lands on it and the cost and margin move', async ({ page, context, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, 'admin@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  const demoLots = await api<{ results: Array<{ id: number }> }>(page, 'GET', '/api/v1/lots/?search=RB-2611-A');
  const report = await api<Array<{ customer: number }>>(page, 'GET', `/api/v1/recalls/report/?lot=${demoLots.results[0]?.id}`);
  const customer = report[0]?.customer;
  const mappings = await api<{ results: Array<{ id: number; approved_customers: number[] }> }>(page, 'GET', '/api/v1/supplier-plant-mappings/?page_size=200');
  const approved = mappings.results.find((m) => customer !== undefined && m.approved_customers.includes(customer));
  const unapproved = mappings.results.find((m) => customer !== undefined && !m.approved_customers.includes(customer));
  assert(approved && unapproved, 'the demo has a plant the customer approved and one it did not');
  const products = await api<{ results: Array<{ id: string; lot_tracked: boolean; catch_weight: boolean; is_active: boolean }> }>(page, 'GET', '/api/v1/products/?page_size=50&ordering=sku');
  const plain = products.results.find((p) => !p.lot_tracked && !p.catch_weight && p.is_active);
  const locations = await api<{ results: Array<{ id: number }> }>(page, 'GET', '/api/v1/locations/?ordering=code&page_size=1');
  const order = await api<{ id: number; number: string }>(page, 'POST', '/api/v1/sales-orders/', {
    customer,
    location: locations.results[0]?.id,
    lines: [{ product: plain?.id, quantity: '5' }],
  });
  await context.clearCookies();

  await signIn(page, baseUrl, 'sales@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.goto(`${baseUrl}/sales-orders/${order.id}`);
  const form = page.getByRole('form', { name: 'Buy back-to-back' });
  await expectVisible(page, form, 'the back-to-back form');
  await form.getByLabel('Sales line').selectOption({ index: 1 });
  await form.getByLabel('Supplier and plant').selectOption(String(unapproved.id));
  await form.getByLabel('Purchase unit price').fill('10.0000');
  await form.getByLabel('Freight cost').fill('20.00');
  await form.getByRole('button', { name: 'Create purchase order' }).click();
  await expectVisible(page, page.getByText(/has not approved|not approved/i), "the 409's message naming plant and customer");
  await form.getByLabel('Supplier and plant').selectOption(String(approved.id));
  await form.getByRole('button', { name: 'Create purchase order' }).click();
  const deals = page.getByRole('table', { name: 'Deals on this order' });
  await expectVisible(page, deals.getByRole('link', { name: /PO-/ }), 'the drop-ship purchase order');
  const marginCell = deals.getByRole('row').nth(1).getByRole('cell').last();
  const marginBefore = (await marginCell.textContent()) ?? '';
  await checkA11y(page, 'back-to-back buying');
  await screenshot(page, 'back-to-back');

  // The plant ships; the purchase order is issued and received (API), then finance lands the freight on the web.
  const poId = Number(/purchase-orders\/(\d+)/.exec((await deals.getByRole('link', { name: /PO-/ }).getAttribute('href')) ?? '')?.[1]);
  await context.clearCookies();
  await signIn(page, baseUrl, 'admin@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  const po = await api<{ lines: Array<{ id: number }> }>(page, 'GET', `/api/v1/purchase-orders/${poId}/`);
  await api(page, 'POST', `/api/v1/purchase-orders/${poId}/issue/`, {});
  await api(page, 'POST', '/api/v1/goods-receipts/', { order: poId, lines: [{ order_line: po.lines[0]?.id, quantity_received: '5', quantity_rejected: '0' }] });
  await context.clearCookies();
  await signIn(page, baseUrl, 'finance@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.goto(`${baseUrl}/purchase-orders/${poId}`);
  const costs = page.getByRole('table', { name: 'Stock cost at the receiving location' });
  await expectVisible(page, costs.getByRole('cell', { name: /\$/ }), 'the stock cost');
  const costCell = costs.getByRole('row').nth(1).getByRole('cell').nth(2);
  const costBefore = (await costCell.textContent()) ?? '';
  const charge = page.getByRole('form', { name: 'Allocate a charge' });
  await charge.getByLabel('Spread').selectOption('quantity');
  await charge.getByLabel('Charge amount').fill('abc');
  await charge.getByRole('button', { name: 'Allocate charge' }).click();
  await expectVisible(page, charge.getByText(/Enter an amount/), 'the amount field error');
  await charge.getByLabel('Charge amount').fill('50.00');
  await charge.getByLabel('Carrier invoice number').fill('FRT-E2E-1');
  await charge.getByRole('button', { name: 'Allocate charge' }).click();
  await expectVisible(page, page.getByRole('table', { name: 'Charges landed on this order' }).getByText(/FRT-E2E-1/), 'the landed charge');
  await page.waitForFunction(
    ({ before }) => {
      const table = [...document.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent?.includes('Stock cost'));
      const cell = table?.querySelectorAll('tbody tr')[0]?.querySelectorAll('td')[2];
      return cell?.textContent && cell.textContent !== before;
    },
    { before: costBefore },
  );
  await screenshot(page, 'landed-cost');

  await page.goto(`${baseUrl}/sales-orders/${order.id}`);
  await expectVisible(page, deals.getByRole('link', { name: /PO-/ }), 'the deal');
  const marginAfter = (await marginCell.textContent()) ?? '';
  const amount = (text: string) => Number(text.replace(/[^0-9.-]/g, ''));
  assert(Math.abs(amount(marginBefore) - amount(marginAfter) - 50) < 0.001, `the margin fell by the freight: ${marginBefore} -> ${marginAfter}`);
});

test('sales sets a customer price list with a quantity break and the price check applies it', async ({ page, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, 'sales@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.goto(`${baseUrl}/sales-orders/price-lists`);
  await expectVisible(page, page.getByRole('table', { name: 'Price lists' }).getByText('Retail ribeye programme'), 'the demo price list');
  await page.getByRole('button', { name: 'New price list' }).click();
  const form = page.getByRole('form', { name: 'New price list' });
  const name = `Browser test list ${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  const customerSelect = form.getByLabel('Customer');
  await customerSelect.locator('option').nth(1).waitFor({ state: 'attached' });
  await form.getByLabel('Product 1').locator('option', { hasText: 'BEEF-RIBEYE-LIP-CW' }).waitFor({ state: 'attached' });
  const customerName = ((await customerSelect.locator('option').nth(1).textContent()) ?? '').trim();
  await customerSelect.selectOption({ index: 1 });
  const ribeyeOption = form.getByLabel('Product 1').locator('option', { hasText: 'BEEF-RIBEYE-LIP-CW' });
  await form.getByLabel('Product 1').selectOption((await ribeyeOption.getAttribute('value')) ?? '');
  await form.getByLabel('Unit price 1').fill('12.4000');
  await form.getByRole('button', { name: 'Add a price or quantity break' }).click();
  await form.getByLabel('Product 2').selectOption({ index: 0 });
  await form.getByRole('button', { name: 'Create price list' }).click();
  await expectVisible(page, form.getByText('Choose a product.'), 'the missing product error');
  const ribeye = await form.getByLabel('Product 1').inputValue();
  await form.getByLabel('Product 2').selectOption(ribeye);
  await form.getByLabel('From quantity 2').fill('10');
  await form.getByLabel('Unit price 2').fill('11.9000');
  await form.getByRole('button', { name: 'Create price list' }).click();
  await expectVisible(page, page.getByRole('table', { name: 'Price lists' }).getByText(name), 'the new price list');
  await checkA11y(page, 'price lists');

  await page.getByLabel('Price for customer').selectOption({ label: customerName });
  await page.getByLabel('Price of product').selectOption(ribeye);
  await page.getByLabel('Quantity').fill('12');
  await page.getByRole('button', { name: 'Check price' }).click();
  await expectVisible(page, page.getByText(new RegExp(`11\\.9000 per unit · .*${name}`)), 'the quantity-break price from the new list');
  await screenshot(page, 'price-lists');
});

test('a customer return is authorised from an invoice, received back into its lot with the weight, credited; a raised price becomes a debit note', async ({ page, context, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, 'admin@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  const products = await api<{ results: Array<{ id: string }> }>(page, 'GET', `/api/v1/products/?search=${CATCH_WEIGHT_SKU}`);
  const demoLots = await api<{ results: Array<{ id: number }> }>(page, 'GET', '/api/v1/lots/?search=RB-2611-A');
  const report = await api<Array<{ customer: number }>>(page, 'GET', `/api/v1/recalls/report/?lot=${demoLots.results[0]?.id}`);
  const locations = await api<{ results: Array<{ id: number }> }>(page, 'GET', '/api/v1/locations/?ordering=code&page_size=1');
  const order = await api<{ id: number }>(page, 'POST', '/api/v1/sales-orders/', {
    customer: report[0]?.customer,
    location: locations.results[0]?.id,
    lines: [{ product: products.results[0]?.id, quantity: '2' }],
  });
  await api(page, 'POST', `/api/v1/sales-orders/${order.id}/confirm/`, { override_credit: true, comment: 'Browser test' });
  const shipment = await api<{ lines: Array<{ quantity: string; weight: string; lot_code: string }> }>(page, 'POST', `/api/v1/sales-orders/${order.id}/ship/`, {});
  const sum = (pick: (line: { quantity: string; weight: string }) => string) => shipment.lines.reduce((total, line) => total + Number(pick(line)), 0);
  const caseWeight = (sum((line) => line.weight) / sum((line) => line.quantity)).toFixed(3);
  const lotCodes = new RegExp(`^(${shipment.lines.map((line) => line.lot_code).join('|')})$`);
  const invoice = await api<{ id: number; number: string }>(page, 'POST', '/api/v1/customer-invoices/', { order: order.id });
  const balance = async () => Number((await api<{ balance: string }>(page, 'GET', `/api/v1/customer-invoices/${invoice.id}/`)).balance);
  const balanceBefore = await balance();

  // Sales side (the administrator here) authorises the case coming back, from the invoice.
  await page.goto(`${baseUrl}/receivables/invoices/${invoice.id}`);
  await page.getByRole('button', { name: 'Authorise a return' }).click();
  await page.getByLabel(/^Return quantity \(case\)/).first().fill('1');
  await page.getByLabel('Reason').selectOption('temperature');
  await page.getByRole('button', { name: 'Authorise return' }).click();
  await page.waitForURL(/\/sales-orders\/returns\/\d+/);
  const returnUrl = page.url();
  await expectVisible(page, page.getByRole('heading', { name: /^Return RMA-/ }), 'the authorised return');
  await context.clearCookies();

  // The warehouse receives it back into its lot with the actual weight.
  await signIn(page, baseUrl, WAREHOUSE);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.goto(returnUrl);
  await page.getByRole('button', { name: 'Receive goods' }).click();
  await page.getByLabel(/^Net weight \(lb\)/).fill(caseWeight);
  await checkA11y(page, 'receiving a customer return');
  await page.getByRole('button', { name: 'Receive return' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /received: stock and write-offs are on the ledger/ }), 'the receipt');
  await expectVisible(page, page.getByRole('cell', { name: lotCodes }).first(), 'the lot it came back into');
  await context.clearCookies();

  // Finance credits it, then corrects a price upward: a debit note adds to the balance.
  await signIn(page, baseUrl, 'finance@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.goto(returnUrl);
  await page.getByRole('button', { name: 'Credit the invoice' }).click();
  await expectVisible(page, page.getByTestId('return-credit-note').filter({ hasText: /^CN-/ }), 'the credit note on the return');
  await screenshot(page, 'customer-return-credited');
  const balanceCredited = await balance();
  assert(balanceCredited < balanceBefore, `the credit note reduced the balance: ${balanceBefore} -> ${balanceCredited}`);

  await page.goto(`${baseUrl}/receivables/invoices/${invoice.id}`);
  await page.getByRole('button', { name: 'Correct prices' }).click();
  await page.getByLabel(/Why/).fill('Contract price confirmed higher');
  const priceField = page.getByLabel('Right price per lb, line 1');
  const prices = await api<Array<{ current_unit_price: string }>>(page, 'GET', `/api/v1/customer-invoices/${invoice.id}/prices/`);
  await priceField.fill((Number(prices[0]?.current_unit_price ?? '0') + 0.25).toFixed(4));
  await page.getByRole('button', { name: 'Issue correction' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /Debit note DN-.* issued/ }), 'the debit note');
  const debitNotes = await api<{ results: Array<{ total: string; balance: string }> }>(page, 'GET', `/api/v1/customer-invoices/?kind=debit_note&order=${order.id}`);
  assert(debitNotes.results.length === 1 && Number(debitNotes.results[0]?.balance) > 0, `an open debit note: ${JSON.stringify(debitNotes.results)}`);
});

test('sales quotes a customer from its price list, sends the PDF, and the accepted quote becomes a sales order at the quoted price', async ({ page, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, 'sales@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  const demoOrders = await api<{ results: Array<{ customer_name: string }> }>(page, 'GET', '/api/v1/sales-orders/?search=DEMO-RIBEYE');
  const customerName = demoOrders.results[0]?.customer_name ?? '';
  assert(customerName, 'the demo customer of the ribeye programme');

  await page.goto(`${baseUrl}/sales-orders/quotes`);
  await page.getByRole('link', { name: 'New quote' }).click();
  const form = page.getByRole('form', { name: 'New quote' });
  await form.getByRole('combobox', { name: /^Customer/ }).locator('option', { hasText: customerName }).waitFor({ state: 'attached' });
  await form.getByRole('combobox', { name: /^Customer/ }).selectOption({ label: customerName });
  await form.getByLabel('Ships from').locator('option').nth(1).waitFor({ state: 'attached' });
  await form.getByLabel('Ships from').selectOption({ index: 1 });
  const ribeye = form.getByLabel('Product 1').locator('option', { hasText: CATCH_WEIGHT_SKU });
  await ribeye.waitFor({ state: 'attached' });
  await form.getByLabel('Product 1').selectOption((await ribeye.getAttribute('value')) ?? '');
  await form.getByLabel('Quantity 1').fill('4');
  await form.getByLabel('Customer reference').fill('RFQ-BROWSER');
  await form.getByRole('button', { name: 'Create quote' }).click();

  const lines = page.getByRole('table', { name: 'Quoted lines' });
  await expectVisible(page, lines.getByText(/price list /), 'the price taken from the customer price list');
  const source = ((await lines.getByText(/price list /).first().textContent()) ?? '').trim();
  await checkA11y(page, 'quote');
  await page.getByRole('button', { name: 'Send to customer' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /sent to .+@/ }), 'the quote e-mailed to the customer');
  const quoteId = Number(/quotes\/(\d+)/.exec(page.url())?.[1]);
  const quote = await api<{ number: string; status: string; lines: Array<{ unit_price: string }> }>(page, 'GET', `/api/v1/sales-quotes/${quoteId}/`);
  assert(quote.status === 'sent', `the quote is sent: ${quote.status}`);
  await screenshot(page, 'quote');

  await page.getByRole('button', { name: 'Accept', exact: true }).click();
  await page.getByLabel("Customer's PO number").fill('PO-BROWSER-1');
  await page.getByRole('button', { name: 'Accept and make the order' }).click();
  await page.waitForURL(/\/sales-orders\/\d+$/);
  await expectVisible(page, page.getByRole('heading', { name: /SO-/ }), 'the sales order made from the quote');
  await expectVisible(page, page.getByText(`quote ${quote.number}: ${source}`), 'the price source on the order line');
  const orderId = Number(/sales-orders\/(\d+)$/.exec(page.url())?.[1]);
  const order = await api<{ customer_reference: string; lines: Array<{ unit_price: string; price_source: string }> }>(page, 'GET', `/api/v1/sales-orders/${orderId}/`);
  assert(order.customer_reference === 'PO-BROWSER-1', `the customer's PO number: ${order.customer_reference}`);
  assert(order.lines[0]?.unit_price === quote.lines[0]?.unit_price, `at the quoted price: ${JSON.stringify(order.lines[0])}`);
  assert(order.lines[0]?.price_source === `quote ${quote.number}: ${source}`, `the source names the quote: ${order.lines[0]?.price_source}`);
});
