import { Alert } from '@/components/ui/alert';
import { formatQuantity } from '@/lib/format';

import type { ConfirmProblem } from '../api/confirm-sales-order';

/** Why the order could not be confirmed: the short lines, the credit figures, or the message. */
export function ConfirmProblemPanel({ problem }: { problem: ConfirmProblem }) {
  if (problem.kind === 'short-stock') {
    return (
      <Alert>
        <p className="font-medium">Not enough stock to confirm. {problem.message}</p>
        {problem.lines.length > 0 ? (
          <table className="mt-2 w-full text-left text-sm">
            <caption className="sr-only">Lines short of stock</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-3">Line</th>
                <th scope="col" className="pr-3">SKU</th>
                <th scope="col" className="pr-3 text-right">Ordered</th>
                <th scope="col" className="text-right">Available</th>
              </tr>
            </thead>
            <tbody>
              {problem.lines.map((line) => (
                <tr key={line.line_no} data-testid={`short-line-${line.line_no}`}>
                  <td className="pr-3">{line.line_no}</td>
                  <td className="pr-3">{line.sku}</td>
                  <td className="pr-3 text-right tabular-nums">{formatQuantity(line.requested)}</td>
                  <td className="text-right tabular-nums">{formatQuantity(line.available)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <p className="mt-2">Lower the quantities, ship from another location, or cancel the order.</p>
      </Alert>
    );
  }
  if (problem.kind === 'credit-limit') {
    return (
      <Alert>
        <p className="font-medium">Over the customer's credit limit.</p>
        <p>{problem.message}</p>
        <p className="mt-1">Finance can confirm it anyway with a comment, or the customer can pay open invoices first.</p>
      </Alert>
    );
  }
  return <Alert>{problem.message}</Alert>;
}
