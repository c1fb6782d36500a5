import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';

import { NAV_ITEMS } from '@/config/navigation';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { RequireRoles } from '@/features/auth/components/require-roles';

import { AppShell } from './layout/app-shell';
import { Forbidden } from './routes/forbidden';
import { RouteError } from './routes/route-error';

// Every page is its own chunk; the first load carries only the shell and the session check.
const LoginRoute = lazy(() => import('./routes/login'));
const DashboardRoute = lazy(() => import('./routes/dashboard'));
const SectionRoute = lazy(() => import('./routes/section'));
const NotFoundRoute = lazy(() => import('./routes/not-found'));

const sectionRoutes: RouteObject[] = NAV_ITEMS.filter((item) => item.path !== '/').map((item) => ({
  path: item.path.slice(1),
  element: (
    <RequireRoles roles={item.roles} fallback={<Forbidden />}>
      <SectionRoute title={item.label} />
    </RequireRoles>
  ),
}));

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginRoute /> },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        ),
        children: [{ index: true, element: <DashboardRoute /> }, ...sectionRoutes, { path: '*', element: <NotFoundRoute /> }],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
