import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { assert, expectVisible, signIn, toasts } from '../lib/pages';

test('buyer browses suppliers, opens one, and sees carriers with insurance warnings', async ({ page, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, 'buyer@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await expectVisible(page, page.getByTestId('queue-count-low_stock'), 'the low-stock list of the work queue');
  await screenshot(page, 'dashboard-buyer');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partners' }).click();
  const suppliers = page.getByRole('table', { name: 'Suppliers' });
  await expectVisible(page, suppliers.getByRole('link').first(), 'suppliers in the list');
  await checkA11y(page, 'the suppliers page');
  await screenshot(page, 'suppliers');

  await suppliers.getByRole('link').first().click();
  await expectVisible(page, page.getByRole('table', { name: 'Plants' }), 'the supplier detail with plants');
  await expectVisible(page, page.getByRole('table', { name: 'Contacts' }), 'the supplier contacts');
  await page.getByRole('button', { name: 'Deactivate' }).click();
  const confirm = page.getByRole('dialog', { name: /^Deactivate / });
  await expectVisible(page, confirm, 'the deactivate confirmation');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await screenshot(page, 'supplier-detail');

  await page.goto(`${baseUrl}/partners/carriers`);
  await expectVisible(page, page.getByRole('table', { name: 'Carriers' }).getByRole('cell').first(), 'carriers');
  // The box follows the URL, which updates a moment after the click: click, then wait for it.
  const expiringOnly = page.getByLabel('Insurance expiring within 30 days');
  await expiringOnly.click();
  await page.waitForURL(/expiring=true/);
  const box = await expiringOnly.elementHandle();
  await page.waitForFunction((element) => (element as HTMLInputElement | null)?.checked === true, box);
  await screenshot(page, 'carriers-expiring');

  await page.goto(`${baseUrl}/partners/customers`);
  await expectVisible(page, page.getByRole('table', { name: 'Customers' }).getByRole('cell').first(), 'customers');
  await screenshot(page, 'customers');
});

test('admin opens users, a user, departments, the audit log and their profile', async ({ page, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, 'admin@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  const users = page.getByRole('table', { name: 'Users' });
  await expectVisible(page, users.getByRole('link', { name: 'Wendy Warehouse' }).or(users.getByRole('link').first()), 'users in the list');
  const rows = await users.getByRole('row').count();
  assert(rows > 5, `expected the demo users, found ${rows - 1} rows`);
  await checkA11y(page, 'the users page');
  await screenshot(page, 'users');

  await users.getByRole('link').first().click();
  await expectVisible(page, page.getByRole('form', { name: 'Edit user' }), 'the user form');
  await expectVisible(page, page.getByRole('heading', { name: 'History' }), 'the history panel');
  await screenshot(page, 'user-detail');

  await page.goto(`${baseUrl}/users/departments`);
  await expectVisible(page, page.getByRole('table', { name: 'Departments' }).getByRole('cell').first(), 'departments');

  await page.goto(`${baseUrl}/audit`);
  await expectVisible(page, page.getByRole('table', { name: 'Audit events' }).getByRole('cell').first(), 'audit events');
  await screenshot(page, 'audit');

  await page.goto(`${baseUrl}/profile`);
  await page.getByLabel('Token name').fill('e2e script');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expectVisible(page, page.getByText(/it will not be shown again/), 'the one-time token notice');
  const token = await page.getByLabel('Your new token').inputValue();
  assert(token.length > 20, 'the new token should be shown');
  await screenshot(page, 'profile-token');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Revoke e2e script' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: 'revoked' }), 'the revoked toast');
});
