import { Outlet } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { TabLinks } from '@/components/ui/tabs';

const TABS = [
  { to: '/users', label: 'Users', end: true },
  { to: '/users/departments', label: 'Departments' },
  { to: '/users/sign-in', label: 'Sign-in' },
];

export default function UsersLayout() {
  return (
    <>
      <PageHeader title="Users" />
      <TabLinks tabs={TABS} label="User administration sections" />
      <Outlet />
    </>
  );
}
