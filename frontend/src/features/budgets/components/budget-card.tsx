import { Card } from '@/components/ui/card';

import { useBudgetReport } from '../api/budgets';

/** Dashboard card: today's budgets, fullest first, with how much of each is used. */
export function BudgetCard() {
  const report = useBudgetReport();
  const rows = (report.data ?? []).slice(0, 5);
  if (!rows.length) return null;
  return (
    <Card title="Budgets">
      <ul className="space-y-2 text-sm" aria-label="Budget use">
        {rows.map((budget) => {
          const used = Math.min(Number(budget.used_percent), 100);
          return (
            <li key={budget.id}>
              <div className="flex justify-between">
                <span>{budget.name}</span>
                <span>
                  {budget.remaining} {budget.currency} left ({budget.used_percent}%)
                </span>
              </div>
              <div className="h-2 rounded bg-slate-200 dark:bg-slate-700">
                <div className={`h-2 rounded ${used >= 100 ? 'bg-red-600' : used >= 80 ? 'bg-amber-500' : 'bg-brand-600'}`} style={{ width: `${used}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
