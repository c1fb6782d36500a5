import { readFileSync } from 'node:fs';

import { checkA11y } from '../lib/axe';
import { test } from '../lib/harness';
import { assert, expectVisible, signIn, toasts } from '../lib/pages';

const WAREHOUSE = 'warehouse@procura.example';
const LOT = 'RB-2611-A'; // shipped out in full by the demo
const ON_HAND_LOT = 'RB-2611-B'; // use-by in 35 days, two cases left

test('warehouse finds an expiring lot, traces it to its customer and sends the recall notice', async ({ page, baseUrl, screenshot }) => {
  await signIn(page, baseUrl, WAREHOUSE);
  await expectVisible(page, page.getByRole('heading', { name: 'Dashboard', level: 1 }), 'the dashboard');
  await page.goto(`${baseUrl}/stock/lots`);
  const expiring = page.getByRole('table', { name: 'Lots expiring soon' });
  await expectVisible(page, expiring.getByText('No lot on hand expires in that window.'), 'nothing expiring within 14 days');
  await page.getByLabel('Use-by within (days)').fill('40');
  await expectVisible(page, expiring.getByRole('cell', { name: ON_HAND_LOT }), 'the lot on hand expiring within 40 days');
  await checkA11y(page, 'the lots page');
  await screenshot(page, 'lots');

  await page.getByRole('button', { name: `Trace lot ${LOT}` }).click();
  const report = page.getByRole('table', { name: `Recall report for lot ${LOT}` });
  await expectVisible(page, report.getByRole('cell', { name: /SHP-/ }).first(), 'the shipment that took the lot');
  const rows = await report.getByRole('row').count();
  assert(rows >= 4, `expected the three shipped cases of ${LOT} (and a header), saw ${rows} rows`);
  const csv = page.getByRole('link', { name: 'Download recall report (CSV)' });
  assert(((await csv.getAttribute('href')) ?? '').includes('export=csv'), 'the CSV link exports CSV');
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download recall report (PDF)' }).click(),
  ]);
  const pdfPath = await pdf.path();
  assert(pdfPath, 'the PDF was downloaded');
  const pdfBytes = readFileSync(pdfPath);
  assert(pdfBytes.subarray(0, 5).toString() === '%PDF-', 'the recall report is a PDF');

  await page.getByRole('button', { name: 'Send recall notice' }).click();
  await expectVisible(page, page.getByText('Give the reason for the recall.'), 'the missing-reason error');
  await page.getByLabel('Recall reason').fill('Plant notice: possible foreign material');
  await page.getByRole('button', { name: 'Send recall notice' }).click();
  await expectVisible(page, toasts(page).filter({ hasText: /Recall notice sent to 1 customer/ }), 'the recall confirmation');
  await screenshot(page, 'lot-recall');
});
