import type { ReactNode } from 'react';

import { cn } from '@/lib/cn';

/** A message block inside a page or form: errors are announced, notes are not. */
export function Alert({ tone = 'error', children, className }: { tone?: 'error' | 'warning' | 'info' | 'success'; children: ReactNode; className?: string }) {
  const styles = {
    error: 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200',
    warning: 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100',
    info: 'border-slate-300 bg-slate-50 text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200',
    success: 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  }[tone];
  return (
    <div role={tone === 'error' ? 'alert' : undefined} className={cn('rounded-md border px-3 py-2 text-sm', styles, className)}>
      {children}
    </div>
  );
}
