import { test } from '../lib/harness';
import { assert, expectVisible, signIn } from '../lib/pages';

const BUYER = 'buyer@procura.example';

test('rfq: a supplier quotes through its link, the buyer compares, awards per line and gets the orders', async ({ page, baseUrl, screenshot }) => {
  // The demo RFQ is out to suppliers; one has quoted. The second quotes through its own link.
  await page.context().clearCookies();
  await signIn(page, baseUrl, BUYER);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.goto(`${baseUrl}/rfqs`);
  const list = page.getByRole('table', { name: 'Requests for quotation' });
  await expectVisible(page, list.getByRole('link').first(), 'the RFQ list');
  await list.getByRole('link').first().click();
  await expectVisible(page, page.getByRole('table', { name: 'Quote comparison' }), 'the comparison');
  const links = page.getByRole('link', { name: /supplier link of/ });
  const count = await links.count();
  assert(count >= 2, 'two suppliers asked');
  const rfqUrl = page.url();
  const supplierPath = await links.nth(1).getAttribute('href');
  assert(supplierPath, 'the second supplier link');

  // The supplier, without an account.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}${supplierPath}`);
  const form = page.getByRole('form', { name: 'Your quotation' });
  await expectVisible(page, form, 'the supplier quotation page');
  await form.getByLabel('Unit price, line 1').fill('2.8000');
  await form.getByLabel('Lead time, line 1').fill('3');
  await screenshot(page, 'rfq-supplier-quote');
  await form.getByRole('button', { name: 'Send quotation' }).click();
  await expectVisible(page, page.getByText('your quotation is saved'), 'the saved confirmation');

  // The buyer compares and awards line 1 to the new quote, line 2 to the first supplier.
  await signIn(page, baseUrl, BUYER);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.goto(rfqUrl);
  const table = page.getByRole('table', { name: 'Quote comparison' });
  await expectVisible(page, table.getByText('best price').first(), 'the best price mark');
  const radios = page.getByRole('radio');
  assert((await radios.count()) >= 2, 'award choices');
  await page.getByRole('radio', { name: /Award line 1 to/ }).nth(1).check();
  await page.getByRole('radio', { name: /Award line 2 to/ }).first().check();
  await screenshot(page, 'rfq-comparison');
  await page.getByRole('button', { name: 'Award chosen lines' }).click();
  const orderLink = page.getByRole('link', { name: /^PO-/ }).first();
  await expectVisible(page, orderLink, 'the draft orders made by the award');
  await orderLink.click();
  await expectVisible(page, page.getByText(/Awarded from RFQ-/), 'the RFQ on the order page');
  await screenshot(page, 'rfq-purchase-order');

  // A new RFQ from the form: the location and the suppliers are picked by name, not typed as ids.
  await page.goto(`${baseUrl}/rfqs`);
  const newRfq = page.getByRole('form', { name: 'New request for quotation' });
  await expectVisible(page, newRfq, 'the new RFQ form');
  await newRfq.getByLabel('Title').fill('Pork bellies for March');
  const shipTo = newRfq.getByLabel('Ship to');
  await shipTo.locator('option').nth(1).waitFor({ state: 'attached' });
  await shipTo.selectOption({ index: 1 });
  const supplierBoxes = newRfq.getByRole('checkbox');
  await expectVisible(page, supplierBoxes.first(), 'the suppliers to ask');
  await supplierBoxes.nth(0).check();
  await supplierBoxes.nth(1).check();
  assert((await newRfq.getByText('Suppliers to ask (2 chosen)').count()) === 1, 'two suppliers chosen');
  await newRfq.getByLabel('Line (without a request): description').fill('Pork bellies, skin-on');
  await newRfq.getByLabel('Quantity').fill('400');
  await screenshot(page, 'rfq-new-form');
  await newRfq.getByRole('button', { name: 'Create draft' }).click();
  await expectVisible(page, page.getByRole('heading', { name: /RFQ-.*Pork bellies for March/ }), 'the new RFQ');
});
