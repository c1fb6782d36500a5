import { useState } from 'react';
import { Link, useParams } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { useAwardRfq, useRfq, useRfqComparison, useSendRfq, type AwardedOrder, type Comparison, type RfqDetail } from '@/features/rfqs/api/rfqs';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api-error';

import { useCan } from '../../use-can';
import { backLinkClass } from '../procurement/shared';

function ComparisonTable({ rfq, comparison, canAward }: { rfq: RfqDetail; comparison: Comparison; canAward: boolean }) {
  const award = useAwardRfq(rfq.id);
  const [choice, setChoice] = useState<Record<number, number>>({});
  const [orders, setOrders] = useState<AwardedOrder[]>([]);
  const open = rfq.status === 'sent';
  const names = new Map(comparison.suppliers.map((s) => [s.invitation, s.supplier_name]));

  async function submit(body: Parameters<typeof award.mutateAsync>[0]) {
    setOrders(await award.mutateAsync(body));
  }

  return (
    <Card title="Comparison">
      <table className="w-full text-sm" aria-label="Quote comparison">
        <thead>
          <tr className="text-left">
            <th className="py-1">Line</th>
            {comparison.suppliers.map((s) => (
              <th key={s.invitation} className="py-1">
                {s.supplier_name}
                <div className="text-xs font-normal text-slate-500">
                  {s.status} · rating {s.rating_percent ?? '–'}% · total {s.total}
                  {s.valid_until ? ` · valid to ${s.valid_until}` : ''}
                  {s.purchase_order ? ` · ${s.purchase_order}` : ''}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {comparison.lines.map((line) => (
            <tr key={line.line} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-2">
                {line.line_no}. {line.description} — {line.quantity} {line.unit}
              </td>
              {comparison.suppliers.map((s) => {
                const quote = line.quotes.find((q) => q.invitation === s.invitation);
                if (!quote) return <td key={s.invitation} className="text-slate-600 dark:text-slate-400">no quote</td>;
                const awarded = line.awarded_invitation === s.invitation;
                return (
                  <td key={s.invitation} className="py-2">
                    <label className="flex items-center gap-2">
                      {open && canAward ? (
                        <input
                          type="radio"
                          name={`line-${line.line}`}
                          aria-label={`Award line ${line.line_no} to ${s.supplier_name}`}
                          checked={choice[line.line] === s.invitation}
                          onChange={() => setChoice({ ...choice, [line.line]: s.invitation })}
                        />
                      ) : null}
                      <span>
                        {quote.unit_price} × {quote.quantity} = {quote.line_total} · {quote.lead_time_days} d
                      </span>
                      {quote.best_price ? <Badge tone="success">best price</Badge> : null}
                      {quote.fastest ? <Badge tone="info">fastest</Badge> : null}
                      {quote.short ? <Badge tone="warning">short</Badge> : null}
                      {awarded ? <Badge tone="success">awarded</Badge> : null}
                    </label>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {open && canAward ? (
        <div className="mt-4 flex flex-wrap gap-2">
          <Button
            disabled={award.isPending || Object.keys(choice).length === 0}
            onClick={() => void submit({ lines: Object.entries(choice).map(([line, invitation]) => ({ line: Number(line), invitation })) })}
          >
            Award chosen lines
          </Button>
          {comparison.suppliers
            .filter((s) => s.lines_quoted > 0)
            .map((s) => (
              <Button key={s.invitation} variant="secondary" disabled={award.isPending} onClick={() => void submit({ invitation: s.invitation })}>
                Award all to {names.get(s.invitation)}
              </Button>
            ))}
        </div>
      ) : null}
      {award.isError ? <Alert className="mt-3">{errorMessage(award.error)}</Alert> : null}
      {orders.length ? (
        <Alert tone="success" className="mt-3">
          Draft purchase orders:{' '}
          {orders.map((order) => (
            <Link key={order.id} to={`/purchase-orders/${order.id}`} className="mr-2 underline">
              {order.number} ({order.supplier_name}, {order.total} {order.currency})
            </Link>
          ))}
        </Alert>
      ) : null}
    </Card>
  );
}

export default function RfqDetailRoute() {
  const id = Number(useParams().rfqId);
  const rfq = useRfq(id);
  const comparison = useRfqComparison(id);
  const send = useSendRfq(id);
  const canWrite = useCan('rfq.award');
  useDocumentTitle(rfq.data ? rfq.data.number : 'Request for quotation');
  return (
    <QueryState query={rfq} what="the request for quotation">
      {(data) => (
        <>
          <Link to="/rfqs" className={backLinkClass}>
            All requests for quotation
          </Link>
          <PageHeader
            title={`${data.number} ${data.title}`}
            description={`${data.status} · respond by ${data.respond_by} · prices in ${data.currency}${data.request_number ? ` · from ${data.request_number}` : ''}`}
            actions={
              canWrite && data.status === 'draft' ? (
                <Button onClick={() => void send.mutateAsync()} disabled={send.isPending}>
                  Send to suppliers
                </Button>
              ) : null
            }
          />
          {send.isError ? <Alert>{errorMessage(send.error)}</Alert> : null}
          <Card title="Suppliers asked">
            <ul className="space-y-1 text-sm">
              {data.invitations.map((invitation) => (
                <li key={invitation.id}>
                  {invitation.supplier_name} ({invitation.email || 'no e-mail'}) — {invitation.status}
                  {data.status === 'sent' ? (
                    <>
                      {' '}
                      · <a href={new URL(invitation.link).pathname} aria-label={`supplier link of ${invitation.supplier_name}`}>supplier link</a>
                    </>
                  ) : null}
                  {invitation.purchase_order ? (
                    <>
                      {' '}
                      · <Link to={`/purchase-orders/${invitation.purchase_order}`}>{invitation.purchase_order_number}</Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
          <div className="mt-4">
            <QueryState query={comparison} what="the comparison">
              {(c) => <ComparisonTable rfq={data} comparison={c} canAward={canWrite} />}
            </QueryState>
          </div>
        </>
      )}
    </QueryState>
  );
}
