import { useEffect, useId, useRef, type ReactNode } from 'react';

import { cn } from '@/lib/cn';

interface ModalProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Blocks Escape while something is being saved. */
  busy?: boolean;
  size?: 'md' | 'lg';
  /** 'sheet': slides up from the bottom edge, full width (a phone's filters). */
  placement?: 'center' | 'sheet';
  /** What closes the dialog from its foot (besides × and Escape), e.g. "Show results". */
  footer?: ReactNode;
}

/**
 * A modal built on <dialog> for short forms: the browser traps focus and Escape closes; focus
 * goes back to the opener afterwards. The content is only mounted while open, so a form inside
 * starts fresh each time.
 */
export function Modal({ open, title, onClose, children, busy = false, size = 'md', placement = 'center', footer }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      className={cn(
        'border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100',
        placement === 'sheet'
          ? 'mx-0 mt-auto mb-0 max-h-[85vh] w-full max-w-none rounded-t-xl'
          : cn('m-auto w-[calc(100%-2rem)] rounded-lg', size === 'lg' ? 'max-w-2xl' : 'max-w-lg'),
      )}
    >
      {open ? (
        <div className="p-5">
          <div className="mb-4 flex items-start justify-between gap-3">
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            <button
              type="button"
              onClick={onClose}
              disabled={busy}
              className="rounded px-2 text-xl leading-none text-slate-500 hover:text-slate-900 dark:hover:text-slate-100"
              aria-label="Close"
            >
              ×
            </button>
          </div>
          {children}
          {footer ? <div className="mt-5 flex justify-end gap-2">{footer}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}
