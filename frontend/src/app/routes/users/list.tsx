import { Link } from 'react-router';

import { UsersList } from '@/features/users/components/users-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function UsersRoute() {
  useDocumentTitle('Users');
  return (
    <>
      <div className="mb-3 flex justify-end">
        <Link to="/users/new" className="inline-flex h-8 items-center rounded-md bg-brand-700 px-3 text-sm font-medium text-white hover:bg-brand-800 dark:bg-brand-600">
          New user
        </Link>
      </div>
      <UsersList userHref={(user) => `/users/${user.id}`} />
    </>
  );
}
