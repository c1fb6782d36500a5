import { cn } from '@/lib/cn';

const STEP_LABELS: Record<string, string> = {
  queued: 'Waiting to start',
  stored: 'Stored',
  text: 'Reading the text',
  ocr: 'Recognising scanned text',
  extract: 'Finding the invoice fields',
};

/** A labelled progress bar for a background task. */
export function TaskProgressBar({ percent, step, done, failed, label }: { percent: number; step: string; done: boolean; failed: boolean; label: string }) {
  const status = failed ? 'Failed' : done ? 'Done' : STEP_LABELS[step] ?? (step ? step.replace(/_/g, ' ') : 'Starting');
  return (
    <div className="space-y-1.5">
      <div className="flex justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span className="tabular-nums text-slate-600 dark:text-slate-400" data-testid="task-status">
          {status} · {percent}%
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% — ${status}`}
        className="h-3 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div
          className={cn('h-full transition-[width] duration-500 motion-reduce:transition-none', failed ? 'bg-red-600' : done ? 'bg-emerald-600' : 'bg-brand-600')}
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
