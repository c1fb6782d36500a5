import { Link } from 'react-router';

import { Card } from '@/components/ui/card';
import { formatDate, formatMoney } from '@/lib/format';

import { documentHref, KIND_LABELS, type LinkedDocument } from './record-context';

/**
 * The documents around the record, in the order of the business flow (request -> order ->
 * receipts -> invoice -> payments; order -> shipments -> invoices -> payments), by number.
 */
export function RelatedDocuments({ documents, portal = false, title = 'Linked documents' }: { documents: readonly LinkedDocument[]; portal?: boolean; title?: string }) {
  return (
    <Card title={title}>
      {documents.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Nothing linked yet.</p>
      ) : (
        <ol className="space-y-2 text-sm" aria-label={title}>
          {documents.map((doc) => {
            const href = documentHref(doc, portal);
            return (
              <li key={`${doc.kind}-${doc.id}`} className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span>
                  <span className="text-slate-600 dark:text-slate-400">{KIND_LABELS[doc.kind] ?? doc.kind} </span>
                  {href && doc.readable ? (
                    <Link to={href} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
                      {doc.number}
                    </Link>
                  ) : (
                    <span className="font-medium">{doc.number}</span>
                  )}
                  {doc.status_label ? <span className="text-slate-600 dark:text-slate-400"> · {doc.status_label}</span> : null}
                </span>
                <span className="tabular-nums text-slate-700 dark:text-slate-300">
                  {doc.date ? formatDate(doc.date) : ''}
                  {doc.amount && doc.currency ? ` · ${formatMoney(doc.amount, doc.currency)}` : ''}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
