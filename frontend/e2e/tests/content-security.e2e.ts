import { test } from '../lib/harness';
import { assert, DEMO_PASSWORD, expectVisible, signIn } from '../lib/pages';

// Every browser test runs under the server's Content-Security-Policy (a violation fails it);
// these walk the two pages the server renders itself: the API docs and the admin.

function strictScripts(policy: string | undefined): boolean {
  const scriptSrc = (policy ?? '').split(';').find((part) => part.trim().startsWith('script-src')) ?? '';
  const sources = scriptSrc.trim().split(/\s+/);
  // 'wasm-unsafe-eval' lets WebAssembly compile (the barcode decoder); JavaScript eval stays off.
  return sources.includes("'self'") && !sources.includes("'unsafe-inline'") && !sources.includes("'unsafe-eval'");
}

test('the API docs ask a signed-out visitor to sign in, then run Swagger UI under the strict policy', async ({ page, baseUrl, screenshot }) => {
  await page.goto(`${baseUrl}/api/docs/`);
  await expectVisible(page, page.getByRole('heading', { name: 'Sign in to Procura' }), 'the sign-in page');
  assert(page.url().includes('next=%2Fapi%2Fdocs%2F'), `expected next= in ${page.url()}`);
  await page.getByLabel('Email').fill('finance@procura.example');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  const docs = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/docs/' && response.request().resourceType() === 'document');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const response = await docs;
  assert(strictScripts(response.headers()['content-security-policy']), 'the docs page must carry a strict script-src');
  // Swagger UI has started (its start-up script is a file) and read the schema.
  await expectVisible(page, page.locator('.swagger-ui .info .title').filter({ hasText: 'Procura API' }), 'the API title', 45_000);
  // Swagger UI renders the operations of a 3 MB schema tag by tag: the first ones prove it runs.
  await expectVisible(page, page.locator('#operations-tag-audit'), 'the audit operations', 20_000);
  await expectVisible(page, page.locator('.opblock-summary-path').filter({ hasText: '/api/v1/audit/events/' }), 'an operation', 20_000);
  await screenshot(page, 'api-docs');
});

test('the admin signs in and lists users under the strict policy', async ({ page, baseUrl, screenshot }) => {
  const login = await page.goto(`${baseUrl}/admin/login/`);
  assert(strictScripts(login?.headers()['content-security-policy']), 'the admin must carry a strict script-src');
  await page.locator('#id_username').fill('admin@procura.example');
  await page.locator('#id_password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expectVisible(page, page.getByRole('heading', { name: 'Site administration' }), 'the admin index');
  await page.goto(`${baseUrl}/admin/accounts/user/`);
  await expectVisible(page, page.getByRole('link', { name: 'admin@procura.example' }), 'the admin user in the list');
  // The admin's own scripts (the filters, the action checkboxes) still run.
  await page.goto(`${baseUrl}/admin/accounts/user/?q=admin`);
  await expectVisible(page, page.locator('#changelist-search input[name="q"]'), 'the search box');
  await screenshot(page, 'admin-users');
});

test('the web app signs in under the strict policy', async ({ page, baseUrl }) => {
  const index = await page.goto(`${baseUrl}/`);
  assert(strictScripts(index?.headers()['content-security-policy']), 'the web app must carry a strict script-src');
  await signIn(page, baseUrl, 'sales@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
});
