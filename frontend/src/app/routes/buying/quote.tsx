import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { useSubmitSupplierQuote, useSupplierQuote } from '@/features/rfqs/api/supplier-quote';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api-error';

/** The supplier's quotation page, opened from the link in the RFQ e-mail (no account). */
export default function SupplierQuoteRoute() {
  const token = useParams().token ?? '';
  const page = useSupplierQuote(token);
  const submit = useSubmitSupplierQuote(token);
  const [saved, setSaved] = useState(false);
  useDocumentTitle('Your quotation');

  if (page.isPending) return <Spinner size="lg" />;
  if (page.isError || !page.data)
    return (
      <main className="mx-auto max-w-3xl p-6">
        <Alert>{errorMessage(page.error)}</Alert>
      </main>
    );
  const data = page.data;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const lines = data.lines
      .filter((line) => String(form.get(`price-${line.id}`) ?? '') !== '')
      .map((line) => ({
        line: line.id,
        unit_price: String(form.get(`price-${line.id}`)),
        quantity: String(form.get(`quantity-${line.id}`) || line.quantity),
        lead_time_days: Number(form.get(`lead-${line.id}`) || 0),
      }));
    const validUntil = String(form.get('valid_until') ?? '');
    setSaved(false);
    await submit.mutateAsync({ lines, valid_until: validUntil || null, notes: String(form.get('notes') ?? ''), decline: false });
    setSaved(true);
  }

  return (
    <main className="mx-auto max-w-4xl space-y-4 p-6">
      <h1 className="text-2xl font-semibold">
        Quotation for {data.rfq_number}: {data.title}
      </h1>
      <p className="text-sm">
        For {data.supplier_name}. Prices in {data.currency}, delivered to {data.ship_to}. Please answer by {data.respond_by}.
      </p>
      {data.notes ? <p className="text-sm">{data.notes}</p> : null}
      {!data.open ? <Alert tone="warning">This request for quotation no longer takes quotes.</Alert> : null}
      <form aria-label="Your quotation" onSubmit={(e) => void onSubmit(e).catch(() => undefined)} className="space-y-3">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left">
              <th>Line</th>
              <th>Asked</th>
              <th>Unit price</th>
              <th>Quantity you can supply</th>
              <th>Lead time (days)</th>
            </tr>
          </thead>
          <tbody>
            {data.lines.map((line) => (
              <tr key={line.id}>
                <td>
                  {line.line_no}. {line.description}
                </td>
                <td>
                  {line.quantity} {line.unit}
                </td>
                <td>
                  <Input name={`price-${line.id}`} aria-label={`Unit price, line ${line.line_no}`} inputMode="decimal" defaultValue={line.unit_price ?? ''} disabled={!data.open} />
                </td>
                <td>
                  <Input name={`quantity-${line.id}`} aria-label={`Quantity, line ${line.line_no}`} inputMode="decimal" defaultValue={line.quoted_quantity ?? line.quantity} disabled={!data.open} />
                </td>
                <td>
                  <Input name={`lead-${line.id}`} aria-label={`Lead time, line ${line.line_no}`} inputMode="numeric" defaultValue={line.lead_time_days ?? ''} disabled={!data.open} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label className="block text-sm">
          Quote valid until
          <Input name="valid_until" type="date" defaultValue={data.valid_until ?? ''} disabled={!data.open} />
        </label>
        <label className="block text-sm">
          Notes
          <Input name="notes" defaultValue={data.supplier_notes} disabled={!data.open} />
        </label>
        {submit.isError ? <Alert>{errorMessage(submit.error)}</Alert> : null}
        {saved ? <Alert tone="success">Thank you, your quotation is saved. You may change it until {data.respond_by}.</Alert> : null}
        <Button type="submit" disabled={!data.open || submit.isPending}>
          Send quotation
        </Button>
      </form>
    </main>
  );
}
