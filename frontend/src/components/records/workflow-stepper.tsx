import { cn } from '@/lib/cn';

import type { Workflow } from './record-context';

/**
 * Where the record stands in its workflow, and what happens next and who does it: "Approve
 * for payment — finance, someone other than Fran Clerk who entered it".
 */
export function WorkflowStepper({ workflow, label }: { workflow: Workflow | null | undefined; label: string }) {
  if (!workflow) return null;
  const next = workflow.next;
  return (
    <section aria-label={label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-2 text-sm">
        {workflow.steps.map((step, index) => (
          <li key={step.status} className="flex items-center gap-1" aria-current={step.state === 'current' ? 'step' : undefined}>
            {index > 0 ? (
              <span aria-hidden="true" className="px-1 text-slate-400">
                →
              </span>
            ) : null}
            <span
              className={cn(
                'rounded-full px-2.5 py-0.5',
                step.state === 'done' && 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100',
                step.state === 'current' && 'bg-brand-700 font-semibold text-white dark:bg-brand-600',
                step.state === 'upcoming' && 'border border-slate-300 text-slate-700 dark:border-slate-600 dark:text-slate-300',
                step.state === 'skipped' && 'text-slate-500 line-through dark:text-slate-400',
              )}
            >
              {step.state === 'done' ? <span className="sr-only">Done: </span> : null}
              {step.state === 'current' ? <span className="sr-only">Now: </span> : null}
              {step.label}
            </span>
          </li>
        ))}
      </ol>
      {next ? (
        <p className="mt-3 text-sm" data-testid="next-step">
          <span className="font-medium">Next: </span>
          {next.label} — {next.mine ? <strong>you</strong> : next.who}
          {next.mine && next.who ? <span className="text-slate-600 dark:text-slate-400"> ({next.who})</span> : null}
        </p>
      ) : null}
    </section>
  );
}
