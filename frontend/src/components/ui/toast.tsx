import { useEffect } from 'react';
import { create } from 'zustand';

import { cn } from '@/lib/cn';

export type ToastTone = 'info' | 'success' | 'error';

interface ToastItem {
  id: number;
  tone: ToastTone;
  message: string;
}

interface ToastState {
  toasts: ToastItem[];
  push: (tone: ToastTone, message: string) => number;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  push: (tone, message) => {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts.slice(-4), { id, tone, message }] }));
    return id;
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

export const toast = {
  info: (message: string) => useToastStore.getState().push('info', message),
  success: (message: string) => useToastStore.getState().push('success', message),
  error: (message: string) => useToastStore.getState().push('error', message),
};

const TONES: Record<ToastTone, string> = {
  info: 'border-slate-300 dark:border-slate-600',
  success: 'border-l-4 border-l-emerald-600',
  error: 'border-l-4 border-l-red-600',
};

const DISMISS_AFTER_MS = 6000;

function ToastCard({ item }: { item: ToastItem }) {
  const dismiss = useToastStore((state) => state.dismiss);
  useEffect(() => {
    // Errors stay until dismissed so nobody misses them.
    if (item.tone === 'error') return undefined;
    const timer = window.setTimeout(() => dismiss(item.id), DISMISS_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [dismiss, item.id, item.tone]);

  return (
    <li
      role={item.tone === 'error' ? 'alert' : 'status'}
      className={cn(
        'pointer-events-auto flex items-start gap-3 rounded-md border bg-white p-3 text-sm shadow-lg dark:bg-slate-900',
        TONES[item.tone],
      )}
    >
      <p className="flex-1">{item.message}</p>
      <button
        type="button"
        onClick={() => dismiss(item.id)}
        className="rounded px-1 text-slate-500 hover:text-slate-900 dark:hover:text-slate-100"
        aria-label="Dismiss notification"
      >
        ×
      </button>
    </li>
  );
}

/** Renders queued toasts; mount once near the root. */
export function Toaster() {
  const toasts = useToastStore((state) => state.toasts);
  return (
    <section aria-label="Notifications" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4 sm:justify-end">
      <ol className="flex w-full max-w-sm flex-col gap-2">
        {toasts.map((item) => (
          <ToastCard key={item.id} item={item} />
        ))}
      </ol>
    </section>
  );
}
