import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';

interface OrderSourcingProps {
  order: {
    currency: string;
    exchange_rate?: string | null;
    exchange_rate_date?: string | null;
    over_budget?: boolean;
    rfq?: { id: number; number: string } | null;
    line_warnings?: Record<string, string[]>;
    lines: { id: number; line_no: number }[];
  };
}

/** Where an order's prices came from and what to watch: its RFQ, supplier terms, budget, rate. */
export function OrderSourcing({ order }: OrderSourcingProps) {
  const warnings = Object.entries(order.line_warnings ?? {});
  const lineNo = new Map(order.lines.map((line) => [String(line.id), line.line_no]));
  return (
    <div className="space-y-2">
      {order.rfq ? (
        <Alert tone="info">
          Awarded from <Link to={`/rfqs/${order.rfq.id}`} className="underline">{order.rfq.number}</Link>; the quote comparison is kept there.
        </Alert>
      ) : null}
      {order.over_budget ? <Alert tone="warning">This order went over a budget when it was issued.</Alert> : null}
      {warnings.map(([id, messages]) => (
        <Alert key={id} tone="warning">
          Line {lineNo.get(id) ?? id}: {messages.join(' ')}
        </Alert>
      ))}
      {order.exchange_rate && order.exchange_rate !== '1.00000000' ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Rate to the company currency: 1 {order.currency} = {order.exchange_rate}
          {order.exchange_rate_date ? ` (${order.exchange_rate_date})` : ''}
        </p>
      ) : null}
    </div>
  );
}
