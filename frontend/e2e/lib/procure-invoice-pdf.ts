/*
 * A one-page text PDF invoice, built by hand (no PDF library): enough for the document reader
 * to find the supplier, number, dates, PO number, lines and totals.
 */
export interface InvoicePdf {
  supplier: string;
  number: string;
  date: string;
  due: string;
  poNumber: string;
  currency: string;
  lines: ReadonlyArray<{ description: string; quantity: string; unitPrice: string; amount: string }>;
  subtotal: string;
  tax: string;
  total: string;
  /** A credit note's title and number label ("CREDIT NOTE", "Credit Note Number"). */
  title?: string;
  numberLabel?: string;
  /** Lines printed under the header ("Original invoice: BSP-1"). */
  references?: readonly string[];
}

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)');
}

export function invoicePdf(invoice: InvoicePdf): Buffer {
  const rows: Array<[number, number, string, number?]> = [];
  let y = 780;
  const line = (x: number, text: string, size = 10) => rows.push([x, y, text, size]);
  line(50, invoice.title ?? 'INVOICE', 20);
  y -= 30;
  line(50, invoice.supplier, 12);
  y -= 30;
  line(50, `${invoice.numberLabel ?? 'Invoice Number'}: ${invoice.number}`);
  for (const reference of invoice.references ?? []) {
    y -= 16;
    line(50, reference);
  }
  y -= 16;
  line(50, `Invoice Date: ${invoice.date}`);
  y -= 16;
  line(50, `Due Date: ${invoice.due}`);
  y -= 16;
  line(50, `PO Number: ${invoice.poNumber}`);
  y -= 16;
  line(50, `Currency: ${invoice.currency}`);
  y -= 30;
  line(50, 'Description');
  line(330, 'Quantity');
  line(410, 'Unit Price');
  line(500, 'Amount');
  for (const item of invoice.lines) {
    y -= 16;
    line(50, item.description);
    line(330, item.quantity);
    line(410, item.unitPrice);
    line(500, item.amount);
  }
  y -= 30;
  line(410, 'Subtotal');
  line(500, invoice.subtotal);
  y -= 16;
  line(410, 'Tax');
  line(500, invoice.tax);
  y -= 16;
  line(410, 'Total');
  line(500, invoice.total);

  const content = rows.map(([x, yy, text, size]) => `BT /F1 ${size ?? 10} Tf ${x} ${yy} Td (${escape(text)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
