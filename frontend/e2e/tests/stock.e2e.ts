import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { assert, expectVisible, signIn, toasts } from '../lib/pages';

const WAREHOUSE = 'warehouse@procura.example';
const BUYER = 'buyer@procura.example';

test('warehouse sees stock levels and posts an adjustment that changes on hand', async ({ page, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, WAREHOUSE);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.goto(`${baseUrl}/stock/levels`);
  const table = page.getByRole('table', { name: 'Stock levels' });
  await expectVisible(page, table.getByRole('button', { name: /^Adjust / }), 'stock rows with an Adjust action');
  await checkA11y(page, 'the stock levels page');
  await screenshot(page, 'stock-levels');

  // A product counted by the piece: catch-weight stock is adjusted with its weight by lot.
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: /^Adjust / }) })
    .filter({ hasNotText: /catch weight/i })
    .first();
  const onHandCell = row.locator('[data-testid^="on-hand-"]');
  const testId = (await onHandCell.getAttribute('data-testid')) ?? '';
  const before = ((await onHandCell.textContent()) ?? '').trim();
  const adjust = row.getByRole('button', { name: /^Adjust / });
  const adjustName = (await adjust.getAttribute('aria-label')) ?? '';
  await adjust.click();

  const dialog = page.getByRole('dialog', { name: 'Adjust stock' });
  await expectVisible(page, dialog, 'the adjustment dialog');
  // The reason is required: the form says so before anything is sent.
  await dialog.getByLabel(/^Change/).fill('5');
  await dialog.getByRole('button', { name: 'Post adjustment' }).click();
  await expectVisible(page, dialog.getByText('Give a reason for the adjustment.'), 'the missing-reason error');
  assert((await dialog.getByLabel(/^Change/).inputValue()) === '5', 'the typed quantity was lost');
  await screenshot(page, 'stock-adjustment-form');
  await dialog.getByLabel('Reason').fill('Found a case in the e2e test');
  await dialog.getByRole('button', { name: 'Post adjustment' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /movement posted/ }), 'a confirmation toast');

  const cell = page.getByTestId(testId);
  await page.waitForFunction(
    ([id, old]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() !== old,
    [testId, before] as const,
    { timeout: 10_000 },
  );
  const after = ((await cell.textContent()) ?? '').trim();
  assert(after !== before, `on hand should change after "${adjustName}": was ${before}, now ${after}`);
  const number = (text: string) => Number(text.replace(/[^\d.-]/g, ''));
  assert(Math.abs(number(after) - number(before) - 5) < 1e-6, `expected on hand to grow by 5: ${before} -> ${after}`);

  await page.goto(`${baseUrl}/stock/movements`);
  await expectVisible(page, page.getByRole('cell', { name: /Found a case in the e2e test/ }), 'the adjustment in the movement history');
  await screenshot(page, 'stock-movements');

  await page.goto(`${baseUrl}/stock/low`);
  await expectVisible(page, page.getByRole('table', { name: 'Low stock' }), 'the low stock list');
  await screenshot(page, 'stock-low');
  await page.goto(`${baseUrl}/stock/valuation`);
  await expectVisible(page, page.getByTestId('valuation-total'), 'the valuation total');
  await screenshot(page, 'stock-valuation');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${baseUrl}/stock/levels`);
  await expectVisible(page, page.getByRole('table', { name: 'Stock levels' }).getByRole('button', { name: /^Adjust / }), 'stock rows on a phone');
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.overflow-x-auto'))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className.toString().split(' ').slice(0, 3).join('.')}`);
    return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });
  assert(overflow.scroll <= overflow.width + 1, `the page scrolls sideways on a phone (${overflow.scroll} > ${overflow.width}): ${overflow.wide.join(', ')}`);
  await screenshot(page, 'stock-levels-mobile');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('buyer creates a product and finds it in the list', async ({ page, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, BUYER);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog & stock' }).click();
  const products = page.getByRole('table', { name: 'Products' });
  await expectVisible(page, products.getByRole('link').first(), 'products in the list');
  await checkA11y(page, 'the products page');
  await screenshot(page, 'products');

  await page.getByRole('link', { name: 'New product' }).click();
  const form = page.getByRole('form', { name: 'New product' });
  await expectVisible(page, form, 'the product form');
  const sku = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await form.getByLabel('SKU').fill(sku);
  await form.getByLabel(/^Name/).fill('E2E test brisket');
  await page.waitForFunction(() => {
    const select = [...document.querySelectorAll('select')].find((s) => s.labels?.[0]?.textContent?.includes('Tax category'));
    return (select?.options.length ?? 0) > 1;
  });
  await form.getByLabel(/^Category/).selectOption({ index: 1 });
  await form.getByLabel('Unit').selectOption('lb');
  await form.getByLabel('List price').fill('12.5x');
  await form.getByLabel('Tax category').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Create product' }).click();
  await expectVisible(page, form.getByText(/Enter a price with up to 4 decimals/), 'the price error');
  await form.getByLabel('List price').fill('12.50');
  await screenshot(page, 'product-form');
  await form.getByRole('button', { name: 'Create product' }).click();

  await expectVisible(page, toasts(page).filter({ hasText: `Product ${sku} created.` }), 'the created toast');
  await page.getByLabel('Search').fill(sku);
  await expectVisible(page, products.getByRole('link', { name: sku }), 'the new product in the list');

  await page.goto(`${baseUrl}/stock/categories`);
  await expectVisible(page, page.getByRole('button', { name: /^Expand / }), 'the category tree');
  await page.getByRole('button', { name: 'Expand all' }).click();
  await screenshot(page, 'categories');

  await page.goto(`${baseUrl}/stock/import`);
  await expectVisible(page, page.getByLabel('CSV file'), 'the import page');
  await page.getByLabel('CSV file').setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('sku,name,category,unit,list_price,currency,tax_category\nBAD-1,,Nowhere,kg,abc,USD,NONE\n'),
  });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expectVisible(page, page.getByRole('table', { name: 'Rows with errors' }), 'the dry run row errors');
  await screenshot(page, 'product-import-errors');
});
