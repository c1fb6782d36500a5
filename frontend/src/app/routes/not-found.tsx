import { Link } from 'react-router';

import { useDocumentTitle } from '@/hooks/use-document-title';

export default function NotFoundRoute() {
  useDocumentTitle('Page not found');
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-brand-700 dark:text-brand-500">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        The page you asked for does not exist or has moved.
      </p>
      <Link to="/" className="mt-6 inline-block text-sm font-medium text-brand-700 underline dark:text-brand-500">
        Go to the dashboard
      </Link>
    </div>
  );
}
