import type { components } from '@/api/schema';
import { Badge } from '@/components/ui/badge';
import { formatMoney, formatPrice, formatQuantity } from '@/lib/format';

type LineMatch = components['schemas']['LineMatch'];

function signed(value: string, format: (v: string) => string): string {
  const n = Number(value);
  if (n === 0) return format(value);
  return n > 0 ? `+${format(value)}` : `−${format(value.replace('-', ''))}`;
}

/**
 * The three-way match line by line: what was ordered, received and invoiced, in quantity and
 * unit price, the variance and the tolerance the match allowed. Money in the invoice currency.
 */
export function MatchTable({ lines, currency }: { lines: readonly LineMatch[]; currency: string }) {
  const money = (value: string) => formatMoney(value, currency);
  const price = (value: string) => formatPrice(value, currency);
  const th = 'px-2 py-2 text-right font-medium';
  const td = 'px-2 py-2 text-right tabular-nums';
  return (
    // Focusable, so the table scrolls by keyboard where it is wider than the screen.
    <div tabIndex={0} role="region" aria-label="Three-way match by line" className="overflow-x-auto">
      <table className="w-full min-w-[52rem] text-sm">
        <caption className="sr-only">Three-way match by line</caption>
        <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-2 py-2 text-left font-medium">
              Line
            </th>
            <th scope="col" className={th}>
              Ordered
            </th>
            <th scope="col" className={th}>
              Received
            </th>
            <th scope="col" className={th}>
              Invoiced
            </th>
            <th scope="col" className={th}>
              Qty variance
            </th>
            <th scope="col" className={th}>
              Order price
            </th>
            <th scope="col" className={th}>
              Invoice price
            </th>
            <th scope="col" className={th}>
              Price variance
            </th>
            <th scope="col" className={th}>
              Tolerance
            </th>
            <th scope="col" className="px-2 py-2 text-left font-medium">
              Result
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {lines.map((line) => {
            const unit = line.unit || undefined;
            const qty = (v: string | null) => (v === null ? '—' : formatQuantity(v, unit));
            return (
              <tr key={line.line_no} className={line.ok ? undefined : 'bg-amber-50 dark:bg-amber-950/40'}>
                <th scope="row" className="px-2 py-2 text-left font-normal">
                  <span className="font-medium">{line.line_no}</span> {line.description}
                  {line.order_line_no === null ? null : <span className="block text-xs text-slate-600 dark:text-slate-400">order line {line.order_line_no}</span>}
                </th>
                <td className={td}>{qty(line.ordered_quantity)}</td>
                <td className={td}>{qty(line.received_quantity)}</td>
                <td className={td}>
                  {qty(line.invoiced_quantity)}
                  {line.invoiced_elsewhere && Number(line.invoiced_elsewhere) > 0 ? (
                    <span className="block text-xs text-slate-600 dark:text-slate-400">+ {qty(line.invoiced_elsewhere)} on other invoices</span>
                  ) : null}
                </td>
                <td className={td}>{line.quantity_variance === null ? '—' : signed(line.quantity_variance, (v) => formatQuantity(v, unit))}</td>
                <td className={td}>{line.ordered_price === null ? '—' : price(line.ordered_price)}</td>
                <td className={td}>{price(line.invoiced_price)}</td>
                <td className={td}>
                  {line.price_variance === null ? '—' : signed(line.price_variance, price)}
                  {line.price_variance_amount && Number(line.price_variance_amount) !== 0 ? (
                    <span className="block text-xs text-slate-600 dark:text-slate-400">{signed(line.price_variance_amount, money)} on the line</span>
                  ) : null}
                </td>
                <td className={td}>
                  {line.price_tolerance === null ? '—' : `± ${price(line.price_tolerance)}`}
                  {line.price_tolerance_rule ? <span className="block text-xs text-slate-600 dark:text-slate-400">{line.price_tolerance_rule}</span> : null}
                </td>
                <td className="px-2 py-2">
                  {line.ok ? (
                    <Badge tone="success">Matches</Badge>
                  ) : (
                    <ul className="space-y-1">
                      {line.issues.map((issue) => (
                        <li key={issue.code}>
                          <Badge tone="warning">{ISSUE_LABELS[issue.code] ?? issue.code}</Badge>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const ISSUE_LABELS: Record<string, string> = {
  price_over_tolerance: 'Price over tolerance',
  quantity_not_received: 'Not received',
  line_not_on_order: 'Not on the order',
  currency_mismatch: 'Other currency',
};
