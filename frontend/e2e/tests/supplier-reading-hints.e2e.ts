import type { Page } from 'playwright-core';

import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { api, assert, expectVisible, signIn, toasts } from '../lib/pages';
import { invoicePdf } from '../lib/procure-invoice-pdf';

const BUYER = 'buyer@procura.example';
const FINANCE = 'finance@procura.example';

interface Hints {
  hints: Array<{ field: string; lessons: Array<{ label: string; value: string; how: string }> }>;
}

async function signInFresh(page: Page, baseUrl: string, email: string) {
  await page.context().clearCookies();
  await signIn(page, baseUrl, email);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), `the dashboard for ${email}`);
}

/** Uploads a PDF through the documents API with the page's session; the new document's id. */
async function uploadPdf(page: Page, name: string, pdf: Buffer): Promise<number> {
  return page.evaluate(
    async ({ name, base64 }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
      const csrf = /(?:^|; )csrftoken=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const response = await fetch('/api/v1/documents/', {
        method: 'POST',
        headers: { Accept: 'application/json', 'X-CSRFToken': decodeURIComponent(csrf) },
        body: form,
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`upload ${name}: ${response.status} ${text}`);
      return (JSON.parse(text) as { id: number }).id;
    },
    { name, base64: pdf.toString('base64') },
  );
}

/** Waits until the reader (the Celery worker in CI) has processed the document. */
async function processed(page: Page, id: number): Promise<void> {
  let status = '';
  for (let i = 0; i < 120; i += 1) {
    status = (await api<{ status: string }>(page, 'GET', `/api/v1/documents/${id}/`)).status;
    if (status === 'processed') return;
    if (status === 'failed') break;
    await page.waitForTimeout(250);
  }
  throw new Error(`document ${id} was not read: ${status}`);
}

test('supplier reading hints: the lessons learned from a correction are listed, and one field is forgotten after a confirmation', async ({ page, baseUrl, screenshot }) => {
  // Seed: procurement creates a supplier of this run's own; finance uploads its invoice, which
  // prints its number under a label of its own, and corrects the number and the total.
  await signInFresh(page, baseUrl, BUYER);
  const stamp = Date.now().toString().slice(-8);
  const name = `Kestrel Cold Chain ${stamp}`;
  const supplier = await api<{ id: number }>(page, 'POST', '/api/v1/suppliers/', { code: `KCC${stamp}`, name, currency: 'USD' });

  await signInFresh(page, baseUrl, FINANCE);
  const number = `KV-${stamp}`;
  const document = await uploadPdf(
    page,
    `${number}.pdf`,
    invoicePdf({
      supplier: name,
      number,
      numberLabel: 'Voucher ref',
      date: '2026-03-02',
      due: '2026-04-01',
      poNumber: 'none',
      currency: 'USD',
      lines: [{ description: 'Chilled transport, pallet', quantity: '4', unitPrice: '300.00', amount: '1200.00' }],
      subtotal: '1200.00',
      tax: '240.00',
      total: '1440.00',
    }),
  );
  await processed(page, document);
  await api(page, 'PATCH', `/api/v1/documents/${document}/extraction/`, {
    fields: { invoice_number: number, total: '1440.00' },
    supplier_id: supplier.id,
  });
  const seeded = await api<Hints>(page, 'GET', `/api/v1/suppliers/${supplier.id}/reading-hints/`);
  assert(
    seeded.hints.map((h) => h.field).sort().join(',') === 'invoice_number,total',
    `the correction taught the number and the total: ${JSON.stringify(seeded)}`,
  );

  // The supplier's page lists each field with its label, its value and where it came from.
  await page.goto(`${baseUrl}/partners/suppliers/${supplier.id}`);
  const card = page.getByRole('table', { name: 'Reading hints' });
  await expectVisible(page, card.getByRole('row', { name: /Invoice number/ }), 'the learned invoice number');
  const numberRow = card.getByRole('row', { name: /Invoice number/ });
  const numberText = (await numberRow.textContent()) ?? '';
  assert(numberText.includes('“Voucher ref”'), `the number is read by its label: ${numberText}`);
  assert(numberText.includes(number), `the number learned from the value: ${numberText}`);
  assert(numberText.includes('Corrected by') && numberText.includes(`${number}.pdf`), `the origin names who and which invoice: ${numberText}`);
  await expectVisible(page, card.getByRole('row', { name: /Total/ }), 'the learned total');
  await checkA11y(page, 'the supplier page with reading hints');
  await screenshot(page, 'supplier-reading-hints');

  // Forget asks first: cancelling keeps the lesson.
  await card.getByRole('button', { name: 'Forget: Invoice number' }).click();
  const confirm = page.getByRole('dialog', { name: `Forget how ${name} prints the invoice number?` });
  await expectVisible(page, confirm, 'the forget confirmation');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'hidden' });
  assert((await card.getByRole('row', { name: /Invoice number/ }).count()) === 1, 'cancelling keeps the lesson');

  await card.getByRole('button', { name: 'Forget: Invoice number' }).click();
  await expectVisible(page, confirm, 'the forget confirmation');
  await screenshot(page, 'supplier-reading-hints-forget');
  await confirm.getByRole('button', { name: 'Forget', exact: true }).click();
  await expectVisible(page, toasts(page).filter({ hasText: `The reader forgot how ${name} prints the invoice number.` }), 'the forgotten toast');
  await card.getByRole('row', { name: /Invoice number/ }).waitFor({ state: 'detached' });
  await expectVisible(page, card.getByRole('row', { name: /Total/ }), 'the total, still learned');

  // The API agrees: only the total is left.
  const left = await api<Hints>(page, 'GET', `/api/v1/suppliers/${supplier.id}/reading-hints/`);
  assert(left.hints.map((h) => h.field).join(',') === 'total', `only the total is left: ${JSON.stringify(left)}`);
});
