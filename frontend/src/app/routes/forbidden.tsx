import { Link } from 'react-router';

import { useDocumentTitle } from '@/hooks/use-document-title';

export function Forbidden() {
  useDocumentTitle('No access');
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-brand-700 dark:text-brand-500">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">No access</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Your role does not include this section. Ask an administrator if you need it.
      </p>
      <Link to="/" className="mt-6 inline-block text-sm font-medium text-brand-700 underline dark:text-brand-500">
        Go to the dashboard
      </Link>
    </div>
  );
}
