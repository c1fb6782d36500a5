import type { HTMLAttributes, ReactNode } from 'react';

import { cn } from '@/lib/cn';

interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  /** Heading level for the title, so cards fit the page outline. */
  headingLevel?: 2 | 3;
  actions?: ReactNode;
}

export function Card({ title, headingLevel = 2, actions, className, children, ...props }: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section
      className={cn(
        'rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900',
        className,
      )}
      {...props}
    >
      {title || actions ? (
        <div className="mb-3 flex items-start justify-between gap-3">
          {title ? <Heading className="text-base font-semibold">{title}</Heading> : null}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}
