import { Input } from '@/components/ui/input';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatMoney } from '@/lib/format';

import { useStatement, type StatementQuery } from '../api/get-statement';

const KIND_LABELS: Record<string, string> = { invoice: 'Invoice', payment: 'Payment', credit_note: 'Credit note' };

/**
 * A customer's statement of account: the balance carried in, every invoice (+) and payment (−)
 * between two dates with the running balance, and the balance carried out.
 */
export function CustomerStatement({ query, onChange, enabled = true }: { query: StatementQuery; onChange: (next: StatementQuery) => void; enabled?: boolean }) {
  const statement = useStatement(query, enabled);
  const money = (value: string) => (statement.data ? formatMoney(value, statement.data.currency) : value);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1.5">
          <label htmlFor="statement-from" className="block text-sm font-medium">
            From
          </label>
          <Input id="statement-from" type="date" value={query.date_from ?? ''} onChange={(event) => onChange({ ...query, date_from: event.target.value })} className="w-44" />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="statement-to" className="block text-sm font-medium">
            To
          </label>
          <Input id="statement-to" type="date" value={query.date_to ?? ''} onChange={(event) => onChange({ ...query, date_to: event.target.value })} className="w-44" />
        </div>
        {statement.data ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {statement.data.customer_name} · {formatDate(statement.data.date_from)} to {formatDate(statement.data.date_to)}
          </p>
        ) : null}
      </div>
      {!enabled ? null : statement.isPending ? (
        <Spinner label="Loading the statement…" />
      ) : statement.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Could not load the statement. {errorMessage(statement.error)}
        </p>
      ) : (
        <div tabIndex={0} role="region" aria-label="Statement of account" className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-sm">
            <caption className="sr-only">Statement of account</caption>
            <thead className="border-b border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-2 py-2 text-left font-medium">
                  Date
                </th>
                <th scope="col" className="px-2 py-2 text-left font-medium">
                  Document
                </th>
                <th scope="col" className="px-2 py-2 text-left font-medium">
                  Reference
                </th>
                <th scope="col" className="px-2 py-2 text-right font-medium">
                  Amount
                </th>
                <th scope="col" className="px-2 py-2 text-right font-medium">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              <tr>
                <th scope="row" colSpan={4} className="px-2 py-2 text-left font-medium">
                  Balance brought forward
                </th>
                <td className="px-2 py-2 text-right tabular-nums" data-testid="statement-opening">
                  {money(statement.data.opening_balance)}
                </td>
              </tr>
              {statement.data.entries.map((entry, index) => (
                <tr key={`${entry.number}-${index}`}>
                  <td className="px-2 py-2">{formatDate(entry.date)}</td>
                  <td className="px-2 py-2">
                    {KIND_LABELS[entry.kind] ?? entry.kind} {entry.number}
                  </td>
                  <td className="px-2 py-2">{entry.reference || '—'}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{money(entry.amount)}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{money(entry.balance)}</td>
                </tr>
              ))}
              {statement.data.entries.length === 0 ? (
                <tr>
                  <td colSpan={5} className="px-2 py-3 text-slate-600 dark:text-slate-400">
                    No invoices or payments in these dates.
                  </td>
                </tr>
              ) : null}
            </tbody>
            <tfoot className="border-t-2 border-slate-300 dark:border-slate-600">
              <tr>
                <th scope="row" colSpan={4} className="px-2 py-2 text-left">
                  Balance due
                </th>
                <td className="px-2 py-2 text-right font-semibold tabular-nums" data-testid="statement-closing">
                  {money(statement.data.closing_balance)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}
