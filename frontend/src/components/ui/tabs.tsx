import { NavLink } from 'react-router';

import { cn } from '@/lib/cn';

export interface TabLink {
  to: string;
  label: string;
  /** Match the path exactly (for the section's index tab). */
  end?: boolean;
}

/** Sub-navigation of a section, as links (each tab is its own URL). Scrolls on a phone. */
export function TabLinks({ tabs, label }: { tabs: readonly TabLink[]; label: string }) {
  if (tabs.length < 2) return null;
  return (
    <nav aria-label={label} className="relative -mx-1 mb-6 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
      <ul className="flex min-w-max gap-1 px-1">
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to}
              end={tab.end}
              className={({ isActive }) =>
                cn(
                  '-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium',
                  isActive
                    ? 'border-brand-700 text-brand-800 dark:border-brand-500 dark:text-brand-100'
                    : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100',
                )
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
