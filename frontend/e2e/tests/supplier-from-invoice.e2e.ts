import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { test } from '../lib/harness';
import { assert, expectVisible, signIn, toasts } from '../lib/pages';

const FINANCE = 'finance@procura.example';
const BUYER = 'buyer@procura.example';
// A real UBL e-invoice from the ZUGFeRD corpus (Apache-2.0): Lieferant GmbH, VAT DE123456789,
// invoice 471102 over 529.87 EUR, two lines.
const SAMPLE = join(import.meta.dirname, '..', '..', '..', 'procura', 'documents', 'tests', 'samples', 'einvoices', 'EN16931_Einfach.ubl.xml');

test('supplier invoices: an e-invoice from an unknown supplier becomes a draft, and the supplier is created from it', async ({ page, baseUrl, screenshot }) => {
  await page.context().clearCookies();
  await signIn(page, baseUrl, FINANCE);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  // A number of its own on every run, so the same database can take the test again.
  const number = `471102-${Date.now().toString().slice(-8)}`;
  const xml = readFileSync(SAMPLE, 'utf8').replace('<cbc:ID>471102</cbc:ID>', `<cbc:ID>${number}</cbc:ID>`);
  assert(xml.includes(number), 'the sample carries the new number');

  await page.goto(`${baseUrl}/supplier-invoices`);
  await page.getByRole('link', { name: 'Upload an invoice' }).click();
  await page.getByLabel('Invoice file').setInputFiles({ name: `${number}.xml`, mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await page.getByRole('button', { name: 'Upload and read' }).click();
  await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100', undefined, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Review the extracted fields' }).click();

  const fields = page.getByRole('form', { name: 'Extracted fields' });
  await expectVisible(page, fields.getByLabel('Invoice number'), 'the extracted fields');
  await expectVisible(page, page.getByTestId('einvoice-source'), 'the e-invoice note');
  assert((await fields.getByLabel('Invoice number').inputValue()) === number, 'the invoice number from the XML');
  assert((await fields.getByLabel('Total', { exact: true }).inputValue()) === '529.87', 'the total from the XML');
  assert((await fields.locator('[data-confidence="low"]').count()) === 0, 'nothing is doubtful in an e-invoice');

  // Finance may not create suppliers (segregation of duties): the page says who does.
  await expectVisible(page, page.getByTestId('supplier-needed'), 'the note for finance');
  await screenshot(page, 'supplier-from-invoice-finance');
  const reviewUrl = page.url();
  await page.context().clearCookies();
  await signIn(page, baseUrl, BUYER);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the buyer dashboard');
  await page.goto(reviewUrl);

  const form = page.getByRole('form', { name: 'New supplier from this invoice' });
  await expectVisible(page, form, 'the create-supplier form');
  assert((await form.getByLabel('Supplier name').inputValue()) === 'Lieferant GmbH', 'the name is prefilled');
  assert((await form.getByLabel('VAT / tax id').inputValue()) === 'DE123456789', 'the VAT id is prefilled');
  assert((await form.getByLabel('City').inputValue()) === 'München', 'the address is prefilled');
  await screenshot(page, 'supplier-from-invoice-form');
  // Codes are unique: give this run's supplier its own.
  await form.getByLabel('Supplier code').fill(`LG${Date.now().toString().slice(-8)}`);
  await form.getByLabel('Accounts e-mail').fill('not-an-email');
  await form.getByRole('button', { name: 'Create supplier' }).click();
  await expectVisible(page, form.getByText('Enter a valid e-mail address.'), 'the e-mail error');
  await form.getByLabel('Accounts e-mail').fill('rechnung@lieferant.example');
  await form.getByRole('button', { name: 'Create supplier' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /Supplier Lieferant GmbH created/ }), 'the created toast', 20_000);
  await expectVisible(page, page.getByRole('link', { name: 'Open the draft invoice' }), 'the draft invoice link');
  assert((await form.count()) === 0, 'the form is gone once the supplier exists');

  await page.getByRole('link', { name: 'Open the draft invoice' }).click();
  await expectVisible(page, page.getByRole('heading', { name: `Invoice ${number}` }), 'the draft invoice', 20_000);
  const body = (await page.locator('main').textContent()) ?? '';
  assert(body.includes('Lieferant GmbH'), 'the draft invoice belongs to the new supplier');
  assert(body.includes('Trennblätter A4') && body.includes('Joghurt Banane'), 'both lines of the e-invoice are on the draft');
  await screenshot(page, 'supplier-from-invoice-draft');
});

// An official FatturaPA example from the ZUGFeRD corpus (Apache-2.0): ALPHA SRL, partita IVA
// 01234567890, invoice 123 over 30.50 EUR, two lines.
const FATTURAPA = join(import.meta.dirname, '..', '..', '..', 'procura', 'documents', 'tests', 'samples', 'einvoices', 'IT01234567890_FPA02.xml');

test('supplier invoices: an Italian FatturaPA is read as an e-invoice and its supplier prefilled', async ({ page, baseUrl, screenshot }) => {
  await page.context().clearCookies();
  await signIn(page, baseUrl, FINANCE);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  const number = `FPA-${Date.now().toString().slice(-8)}`;
  const xml = readFileSync(FATTURAPA, 'utf8').replace('<Numero>123</Numero>', `<Numero>${number}</Numero>`);
  assert(xml.includes(number), 'the sample carries the new number');

  await page.goto(`${baseUrl}/supplier-invoices`);
  await page.getByRole('link', { name: 'Upload an invoice' }).click();
  await page.getByLabel('Invoice file').setInputFiles({ name: `${number}.xml`, mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await page.getByRole('button', { name: 'Upload and read' }).click();
  await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100', undefined, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Review the extracted fields' }).click();

  const fields = page.getByRole('form', { name: 'Extracted fields' });
  await expectVisible(page, fields.getByLabel('Invoice number'), 'the extracted fields');
  const note = page.getByTestId('einvoice-source');
  await expectVisible(page, note, 'the e-invoice note');
  assert(((await note.textContent()) ?? '').includes('FatturaPA'), 'the note names FatturaPA');
  // The sample's partita IVA fails its check digit: a warning the page shows with where it is.
  const warnings = page.getByTestId('einvoice-warnings');
  await expectVisible(page, warnings, 'the e-invoice warnings');
  const warned = (await warnings.textContent()) ?? '';
  assert(warned.includes('CedentePrestatore IdFiscaleIVA') && warned.includes('check digit'), 'the warning names where and what');
  assert((await fields.getByLabel('Invoice number').inputValue()) === number, 'the invoice number from the XML');
  assert((await fields.getByLabel('Total', { exact: true }).inputValue()) === '30.50', 'the total from the XML');
  assert((await fields.locator('[data-confidence="low"]').count()) === 0, 'nothing is doubtful in an e-invoice');
  await screenshot(page, 'fatturapa-review');

  const reviewUrl = page.url();
  await page.context().clearCookies();
  await signIn(page, baseUrl, BUYER);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the buyer dashboard');
  await page.goto(reviewUrl);
  const form = page.getByRole('form', { name: 'New supplier from this invoice' });
  await expectVisible(page, form, 'the create-supplier form');
  assert((await form.getByLabel('Supplier name').inputValue()) === 'ALPHA SRL', 'the name is prefilled');
  assert((await form.getByLabel('VAT / tax id').inputValue()) === 'IT01234567890', 'the partita IVA is prefilled');
  assert((await form.getByLabel('City').inputValue()) === 'SASSARI', 'the address is prefilled');
});

// PEPPOL BIS Billing 3.0 samples written for Procura's tests (a made-up Norwegian supplier): an
// invoice carrying its printed PDF, an exempt line and payment terms, and a credit note.
const PEPPOL = (name: string) => join(import.meta.dirname, '..', '..', '..', 'procura', 'documents', 'tests', 'samples', 'einvoices', name);

async function uploadAndReview(page: Page, baseUrl: string, name: string, xml: string) {
  await page.goto(`${baseUrl}/supplier-invoices`);
  await page.getByRole('link', { name: 'Upload an invoice' }).click();
  await page.getByLabel('Invoice file').setInputFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await page.getByRole('button', { name: 'Upload and read' }).click();
  await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100', undefined, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Review the extracted fields' }).click();
}

test('supplier invoices: a PEPPOL invoice shows its printed PDF, terms and exemptions; a PEPPOL credit note is a credit note', async ({ page, baseUrl, screenshot }) => {
  await page.context().clearCookies();
  await signIn(page, baseUrl, FINANCE);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  const stamp = Date.now().toString().slice(-8);

  const invoice = readFileSync(PEPPOL('peppol_invoice.xml'), 'utf8').replaceAll('NF-2026-0412', `NF-${stamp}`);
  await uploadAndReview(page, baseUrl, `NF-${stamp}.xml`, invoice);
  const fields = page.getByRole('form', { name: 'Extracted fields' });
  await expectVisible(page, fields.getByLabel('Invoice number'), 'the extracted fields');
  assert((await fields.getByLabel('Invoice number').inputValue()) === `NF-${stamp}`, 'the number from the XML');
  assert((await fields.getByLabel('Currency').inputValue()) === 'NOK', 'the currency from the XML');
  await expectVisible(page, page.getByTestId('einvoice-rendering'), 'the note on the printed invoice');
  await expectVisible(page, page.locator('object[type="application/pdf"]'), 'the PDF the e-invoice carries');
  await expectVisible(page, page.getByText('Payment terms: Net 30 days, 2% late interest a month'), 'the payment terms');
  const exemptions = page.getByRole('list', { name: 'Tax exemptions' });
  assert(((await exemptions.textContent()) ?? '').includes('Exempt: veterinary certificate fee'), 'the exemption reason');
  await screenshot(page, 'peppol-invoice-review');

  const credit = readFileSync(PEPPOL('peppol_credit_note.xml'), 'utf8').replaceAll('NF-CN-2026-0031', `NF-CN-${stamp}`);
  await uploadAndReview(page, baseUrl, `NF-CN-${stamp}.xml`, credit);
  await expectVisible(page, page.getByTestId('credit-note'), 'the credit-note note');
  await page.getByRole('link', { name: 'Open the draft invoice' }).click();
  await expectVisible(page, page.getByRole('heading', { name: `Credit note NF-CN-${stamp}`, level: 1 }), 'the credit note page');
  await screenshot(page, 'peppol-credit-note');
});
