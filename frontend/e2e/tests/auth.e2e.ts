import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { assert, expectVisible, signIn } from '../lib/pages';

const REQUESTER = 'requester@procura.example';

test('requester signs in, sees the dashboard and their navigation, and signs out', async ({ page, baseUrl, screenshot }) => {
  await page.goto(`${baseUrl}/`);
  // Signed-out visitors are sent to sign in.
  await expectVisible(page, page.getByRole('heading', { name: 'Sign in to Procura' }), 'the sign-in page');
  await checkA11y(page, 'the sign-in page');
  await screenshot(page, 'login');

  await signIn(page, baseUrl, REQUESTER);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard heading');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expectVisible(page, nav.getByRole('link', { name: 'Purchase requests' }), 'Purchase requests in the nav');
  const navLinks = await nav.getByRole('link').allTextContents();
  assert(!navLinks.some((text) => text.includes('Users')), `a requester must not see Users; nav was ${navLinks.join(', ')}`);
  assert(!navLinks.some((text) => text.includes('Supplier invoices')), `a requester must not see Supplier invoices`);
  await expectVisible(page, page.getByTestId('queue-count-my_requests'), 'the open requests of the work queue');
  await checkA11y(page, 'the dashboard');
  await screenshot(page, 'dashboard-requester');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expectVisible(page, page.getByRole('heading', { name: 'Sign in to Procura' }), 'the sign-in page after signing out');

  // The session is really gone: the dashboard sends us back to sign in.
  await page.goto(`${baseUrl}/`);
  await expectVisible(page, page.getByRole('heading', { name: 'Sign in to Procura' }), 'the sign-in page');
});

test('a wrong password shows an error and keeps the email', async ({ page, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, REQUESTER, 'not-the-password');
  await expectVisible(page, page.getByRole('alert'), 'an error message');
  const message = (await page.getByRole('alert').first().textContent()) ?? '';
  assert(message.trim().length > 0, 'the error message is empty');
  assert((await page.getByLabel('Email').inputValue()) === REQUESTER, 'the typed email was lost');
  assert(page.url().includes('/login'), `expected to stay on /login, got ${page.url()}`);
  await screenshot(page, 'login-wrong-password');
});

test('after sign-in the person returns to the page they asked for', async ({ page, baseUrl }) => {
  await page.goto(`${baseUrl}/purchase-requests`);
  await expectVisible(page, page.getByRole('heading', { name: 'Sign in to Procura' }), 'the sign-in page');
  assert(page.url().includes('next=%2Fpurchase-requests'), `expected next= in ${page.url()}`);
  await page.getByLabel('Email').fill(REQUESTER);
  await page.getByLabel('Password').fill('procura-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectVisible(page, page.getByRole('heading', { name: 'Purchase requests', level: 1 }), 'the purchase requests page');
});

test('signing out in one tab signs out the others', async ({ page, context, baseUrl }) => {
  await signIn(page, baseUrl, REQUESTER);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  const other = await context.newPage();
  await other.goto(`${baseUrl}/`);
  await expectVisible(other, other.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard in a second tab');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expectVisible(other, other.getByRole('heading', { name: 'Sign in to Procura' }), 'the sign-in page in the second tab');
  await other.close();
});

test('the shell works on a phone and in the dark theme; unknown pages show 404', async ({ page, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, 'requester@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  assert((await page.title()) === 'Dashboard · Procura', `unexpected page title ${await page.title()}`);

  await page.setViewportSize({ width: 390, height: 844 });
  const menu = page.getByRole('button', { name: 'Open menu' });
  await expectVisible(page, menu, 'the menu button on a narrow screen');
  await screenshot(page, 'dashboard-mobile');
  await menu.click();
  const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
  assert(focused === 'Dashboard', `opening the menu should focus its first link, focus was on ${focused}`);
  await page.keyboard.press('Escape');
  await expectVisible(page, menu, 'the menu button after Escape');
  assert(await menu.evaluate((el) => el === document.activeElement), 'Escape should return focus to the menu button');
  await menu.click();
  const drawerLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Purchase requests' });
  await expectVisible(page, drawerLink, 'the nav drawer');
  await screenshot(page, 'dashboard-mobile-menu');
  await drawerLink.click();
  await expectVisible(page, page.getByRole('heading', { name: 'Purchase requests', level: 1 }), 'the page chosen in the drawer');
  assert(!(await page.getByRole('button', { name: 'Close menu' }).isVisible()), 'the drawer should close after navigating');

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.goto(`${baseUrl}/`);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  assert(await page.evaluate(() => document.documentElement.classList.contains('dark')), 'dark theme should survive a reload');
  await checkA11y(page, 'the dashboard in the dark theme');
  await screenshot(page, 'dashboard-dark');

  await page.goto(`${baseUrl}/no-such-page`);
  await expectVisible(page, page.getByRole('heading', { name: 'Page not found' }), 'the 404 page');
  await screenshot(page, 'not-found');

  await page.goto(`${baseUrl}/users`);
  await expectVisible(page, page.getByRole('heading', { name: 'No access' }), 'the no-access page for a requester');
});

test('a customer sees the catalog and their orders, not stock or purchasing', async ({ page, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, 'customer@procura.example');
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const links = (await nav.getByRole('link').allTextContents()).map((text) => text.trim());
  assert(
    JSON.stringify(links) === JSON.stringify(['Dashboard', 'Catalog', 'My account']),
    `unexpected nav for a customer: ${links.join(', ')}`,
  );
  await screenshot(page, 'dashboard-customer');
});
