import { Link } from 'react-router';

import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { formatDate, formatMoney } from '@/lib/format';

import { useWorkQueue, type QueueItem, type QueueSection } from '../api/get-work-queue';
import { ageLabel, itemHref, SECTION_LINKS } from '../lib/links';

const linkClass = 'font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500';

function humanStatus(status: string): string {
  const text = status.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ItemRow({ item, sectionKey, portal }: { item: QueueItem; sectionKey: string; portal: boolean }) {
  const overdue = sectionKey === 'overdue_receivables';
  const age = ageLabel(item.age_days, overdue);
  const expected = sectionKey === 'orders_to_receive' && item.due ? `expected ${formatDate(item.due)}` : '';
  const due = ['invoices_to_pay', 'invoices_to_approve'].includes(sectionKey) && item.due ? `due ${formatDate(item.due)}` : '';
  return (
    <li className="flex items-start justify-between gap-3 py-2">
      <div className="min-w-0">
        <Link to={itemHref(item, portal)} className={linkClass}>
          {item.number}
        </Link>
        <p className="truncate text-sm text-slate-700 dark:text-slate-300">
          {item.title}
          {item.party && item.party !== item.title ? <span className="text-slate-500 dark:text-slate-400"> · {item.party}</span> : null}
        </p>
        {sectionKey === 'my_requests' || sectionKey === 'portal_orders' ? (
          <Badge className="mt-1">{humanStatus(item.status)}</Badge>
        ) : null}
      </div>
      <div className="shrink-0 text-right text-sm">
        {item.amount ? <p className="font-medium tabular-nums">{formatMoney(item.amount, item.currency)}</p> : null}
        <p className={overdue ? 'text-red-700 dark:text-red-400' : 'text-slate-600 dark:text-slate-400'}>{expected || due || age}</p>
      </div>
    </li>
  );
}

function SectionCard({ section, portal }: { section: QueueSection; portal: boolean }) {
  const more = SECTION_LINKS[section.key];
  const headingId = `queue-${section.key}`;
  return (
    <Card
      aria-labelledby={headingId}
      title={
        <span id={headingId} className="flex items-center gap-2">
          {section.title}
          <Badge tone={section.count > 0 ? 'info' : 'neutral'} className="tabular-nums">
            <span data-testid={`queue-count-${section.key}`}>{section.count}</span>
          </Badge>
        </span>
      }
      className="h-full"
    >
      <p className="text-sm text-slate-600 dark:text-slate-400">{section.action}</p>
      {section.items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Nothing waiting. Well done.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800" aria-label={section.title}>
          {section.items.map((item) => (
            <ItemRow key={`${item.kind}-${item.id}`} item={item} sectionKey={section.key} portal={portal} />
          ))}
        </ul>
      )}
      {section.note ? <p className="mt-2 text-sm text-amber-800 dark:text-amber-200">{section.note}</p> : null}
      {more && section.count > section.items.length ? (
        <p className="mt-3 text-sm">
          <Link to={more.href} className={linkClass}>
            {more.label} ({section.count})
          </Link>
        </p>
      ) : null}
    </Card>
  );
}

/** The home page: each list of what waits for the person, with numbers, amounts and ages. */
export function WorkQueueBoard({ portal = false }: { portal?: boolean }) {
  const queue = useWorkQueue();
  return (
    <QueryState query={queue} what="your work">
      {(data) =>
        data.sections.length === 0 ? (
          <Card title="Nothing waits for you">
            <p className="text-sm text-slate-600 dark:text-slate-300">Use the menu to find records and reports.</p>
          </Card>
        ) : (
          <div className="grid gap-4 md:grid-cols-2 2xl:grid-cols-3" data-testid="work-queue">
            {data.sections.map((section) => (
              <SectionCard key={section.key} section={section} portal={portal} />
            ))}
          </div>
        )
      }
    </QueryState>
  );
}
