import type { ReactNode } from 'react';

export function DescriptionList({ items }: { items: ReadonlyArray<{ term: string; value: ReactNode }> }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
      {items.map((item) => (
        <div key={item.term}>
          <dt className="font-medium text-slate-600 dark:text-slate-400">{item.term}</dt>
          <dd className="mt-0.5 break-words">{item.value === '' || item.value === null || item.value === undefined ? '—' : item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
