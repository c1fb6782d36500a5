import { useState } from 'react';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { QueryState } from '@/components/ui/query-state';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatDateTime, formatMoney, formatPrice, formatQuantity } from '@/lib/format';

import { downloadQuotePdf, useAcceptQuote, useDeclineQuote, useSalesQuote, useSendQuote, type SalesQuote } from '../api/sales-quotes';
import { QuoteStatusBadge } from './quotes-list';

export interface QuoteRights {
  send: boolean;
  accept: boolean;
  decline: boolean;
}

type Line = SalesQuote['lines'][number];

/** One quote: its lines with the price each took and where it came from, totals, and what can
 * happen next (send the PDF, accept into a sales order, decline). */
export function QuoteDetail({ id, rights, orderHref, onAccepted }: { id: number; rights: QuoteRights; orderHref: (id: number) => string; onAccepted: (orderId: number) => void }) {
  const quote = useSalesQuote(id);
  return (
    <QueryState query={quote} what="the quote">
      {(data) => <QuoteBody quote={data} rights={rights} orderHref={orderHref} onAccepted={onAccepted} />}
    </QueryState>
  );
}

function QuoteBody({ quote, rights, orderHref, onAccepted }: { quote: SalesQuote; rights: QuoteRights; orderHref: (id: number) => string; onAccepted: (orderId: number) => void }) {
  const send = useSendQuote();
  const accept = useAcceptQuote();
  const decline = useDeclineQuote();
  const [panel, setPanel] = useState<'accept' | 'decline' | null>(null);
  const [reference, setReference] = useState(quote.customer_reference);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const open = quote.status === 'draft' || quote.status === 'sent';
  const run = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <div className="space-y-4">
      <Card title={`Quote ${quote.number}`}>
        <div className="mb-3">
          <QuoteStatusBadge status={quote.status} />
        </div>
        <DescriptionList
          items={[
            { term: 'Customer', value: quote.customer_name },
            { term: 'Ships from', value: quote.location_code },
            { term: 'Quoted', value: formatDate(quote.quote_date) },
            { term: 'Valid until', value: formatDate(quote.valid_until) },
            { term: 'Customer reference', value: quote.customer_reference },
            { term: 'Sent', value: quote.sent_at ? `${formatDateTime(quote.sent_at)} to ${quote.sent_to}` : '' },
            {
              term: 'Sales order',
              value: quote.sales_order ? (
                <Link to={orderHref(quote.sales_order)} className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
                  {quote.sales_order_number}
                </Link>
              ) : (
                ''
              ),
            },
            { term: 'Declined because', value: quote.decline_reason },
            { term: 'Notes', value: quote.notes },
          ]}
        />
      </Card>
      <Table
        caption="Quoted lines"
        columns={[
          { key: 'no', header: '#', cell: (line: Line) => line.line_no },
          { key: 'sku', header: 'Product', cell: (line) => `${line.product_sku} — ${line.description}` },
          { key: 'qty', header: 'Quantity', align: 'right', cell: (line) => formatQuantity(line.quantity, line.unit) },
          { key: 'price', header: 'Unit price', align: 'right', cell: (line) => `${formatPrice(line.unit_price, quote.currency)}${line.price_unit ? ` /${line.price_unit}` : ''}` },
          { key: 'source', header: 'Price from', cell: (line) => line.price_source },
          { key: 'disc', header: 'Disc %', align: 'right', cell: (line) => line.discount_percent },
          { key: 'net', header: 'Net', align: 'right', cell: (line) => formatMoney(line.net_amount, quote.currency) },
        ]}
        rows={quote.lines}
        rowKey={(line) => line.id}
      />
      <DescriptionList
        items={[
          { term: 'Net', value: formatMoney(quote.subtotal, quote.currency) },
          { term: 'Tax', value: formatMoney(quote.tax_total, quote.currency) },
          { term: 'Total', value: formatMoney(quote.total, quote.currency) },
        ]}
      />
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void downloadQuotePdf(quote.id, quote.number).catch((caught: unknown) => toast.error(`Could not download the PDF: ${errorMessage(caught)}`))}>
          Download PDF
        </Button>
        {rights.send && open ? (
          <Button
            busy={send.isPending}
            onClick={() =>
              void run(async () => {
                const sent = await send.mutateAsync({ id: quote.id, input: undefined });
                toast.success(`${sent.number} sent to ${sent.sent_to}.`);
              })
            }
          >
            {quote.status === 'sent' ? 'Send again' : 'Send to customer'}
          </Button>
        ) : null}
        {rights.accept && open ? <Button onClick={() => setPanel('accept')}>Accept</Button> : null}
        {rights.decline && open ? (
          <Button variant="secondary" onClick={() => setPanel('decline')}>
            Decline
          </Button>
        ) : null}
      </div>
      <FormError message={error} />
      {panel === 'accept' && open ? (
        <Card title="Accept the quote">
          <p className="mb-3 text-sm">A draft sales order is made at the quoted prices; confirm it to reserve the stock.</p>
          <div className="flex flex-wrap items-end gap-3">
            <Field label="Customer's PO number" hint="If they gave one on accepting.">
              {(c) => <Input {...c} value={reference} maxLength={64} onChange={(event) => setReference(event.target.value)} />}
            </Field>
            <Button
              busy={accept.isPending}
              onClick={() =>
                void run(async () => {
                  const accepted = await accept.mutateAsync({ id: quote.id, input: { customer_reference: reference } });
                  toast.success(`${accepted.number} accepted: ${accepted.sales_order_number} made at the quoted prices.`);
                  if (accepted.sales_order) onAccepted(accepted.sales_order);
                })
              }
            >
              Accept and make the order
            </Button>
            <Button variant="secondary" onClick={() => setPanel(null)}>
              Cancel
            </Button>
          </div>
        </Card>
      ) : null}
      {panel === 'decline' && open ? (
        <Card title="Decline the quote">
          <div className="flex flex-wrap items-end gap-3">
            <Field label="Reason">{(c) => <Input {...c} value={reason} onChange={(event) => setReason(event.target.value)} />}</Field>
            <Button
              variant="danger"
              busy={decline.isPending}
              onClick={() =>
                void run(async () => {
                  await decline.mutateAsync({ id: quote.id, input: { reason } });
                  setPanel(null);
                })
              }
            >
              Decline quote
            </Button>
            <Button variant="secondary" onClick={() => setPanel(null)}>
              Cancel
            </Button>
          </div>
        </Card>
      ) : null}
    </div>
  );
}
