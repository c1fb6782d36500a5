import { useId } from 'react';

import { Button, type ButtonProps } from '@/components/ui/button';

import { presenceOf, type RecordAction } from './record-context';

interface ActionButtonProps extends Omit<ButtonProps, 'disabled'> {
  actions: readonly RecordAction[] | undefined;
  action: string;
}

/**
 * A record's action as the server decided it for the reader: a button, a disabled button that
 * says why (another person's duty or step), or nothing when it means nothing to them.
 */
export function ActionButton({ actions, action, children, ...props }: ActionButtonProps) {
  const presence = presenceOf(actions, action);
  const reasonId = useId();
  if (presence.kind === 'hide') return null;
  if (presence.kind === 'show') return <Button {...props}>{children}</Button>;
  return (
    <span className="inline-flex max-w-xs flex-col items-start gap-1">
      <Button {...props} onClick={undefined} disabled aria-describedby={reasonId}>
        {children}
      </Button>
      <span id={reasonId} className="text-xs text-slate-600 dark:text-slate-400" data-testid="action-reason">
        {presence.reason}
      </span>
    </span>
  );
}
