import { formatMoney } from '@/lib/format';

import type { SpendGroup } from '../lib/spend-bars';

/** Horizontal bars, one per department; every bar is labelled with its amount in text. */
export function SpendChart({ groups, month }: { groups: readonly SpendGroup[]; month: string }) {
  if (groups.length === 0) {
    return <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">No purchase orders issued this month yet.</p>;
  }
  return (
    <div className="mt-3 space-y-4" data-testid="spend-by-department">
      {groups.map((group) => (
        <figure key={group.currency}>
          <figcaption className="sr-only">
            Spend by department in {group.currency} for {month}
          </figcaption>
          <ul className="space-y-2">
            {group.bars.map((bar) => {
              const amount = formatMoney(bar.total, bar.currency);
              return (
                <li key={bar.key}>
                  <div className="flex items-baseline justify-between gap-2 text-sm">
                    <span className="truncate text-slate-700 dark:text-slate-200">{bar.label}</span>
                    <span className="font-medium tabular-nums">{amount}</span>
                  </div>
                  <div
                    role="meter"
                    aria-label={`${bar.label}: ${amount}, ${bar.orders} ${bar.orders === 1 ? 'order' : 'orders'}`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={bar.percent}
                    aria-valuetext={amount}
                    className="mt-1 h-2 w-full rounded-full bg-slate-100 dark:bg-slate-800"
                  >
                    <div className="h-2 rounded-full bg-brand-600 dark:bg-brand-500" style={{ width: `${bar.percent}%` }} />
                  </div>
                </li>
              );
            })}
          </ul>
        </figure>
      ))}
    </div>
  );
}
