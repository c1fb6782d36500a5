import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';

import { NAV_ITEMS } from '@/config/navigation';
import { Spinner } from '@/components/ui/spinner';
import { RequireAuth } from '@/features/auth/components/require-auth';

import { AppShell } from './layout/app-shell';
import { BUYING_SECTIONS } from './routes/buying-sections';
import { guard } from './routes/guard';
import { loadedHome, loadHome } from './routes/home-preload';
import { PROCUREMENT_SECTIONS } from './routes/procurement-sections';
import { RouteError } from './routes/route-error';
import { SALES_SECTIONS } from './routes/sales-sections';

// Every page is its own chunk; the first load carries only the shell and the session check.
const SupplierQuoteRoute = lazy(() => import('./routes/buying/quote'));
const LazyDashboardRoute = lazy(loadHome);
const SectionRoute = lazy(() => import('./routes/section'));
const NotFoundRoute = lazy(() => import('./routes/not-found'));

const StockLayout = lazy(() => import('./routes/stock/layout'));
const ProductsRoute = lazy(() => import('./routes/stock/products'));
const ProductNewRoute = lazy(() => import('./routes/stock/product-new'));
const ProductEditRoute = lazy(() => import('./routes/stock/product-edit'));
const CategoriesRoute = lazy(() => import('./routes/stock/categories'));
const ProductImportRoute = lazy(() => import('./routes/stock/import'));
const StockLevelsRoute = lazy(() => import('./routes/stock/levels'));
const StockMovementsRoute = lazy(() => import('./routes/stock/movements'));
const LowStockRoute = lazy(() => import('./routes/stock/low'));
const ValuationRoute = lazy(() => import('./routes/stock/valuation'));
const LotsRoute = lazy(() => import('./routes/stock/lots'));
const CatalogRoute = lazy(() => import('./routes/catalog'));
const AuditRoute = lazy(() => import('./routes/audit'));
const ReportsRoute = lazy(() => import('./routes/reports'));
const WebhooksRoute = lazy(() => import('./routes/webhooks'));
const InvoiceMailRoute = lazy(() => import('./routes/invoice-mail'));
const PartnersLayout = lazy(() => import('./routes/partners/layout'));
const SuppliersRoute = lazy(() => import('./routes/partners/suppliers'));
const SupplierNewRoute = lazy(() => import('./routes/partners/supplier-new'));
const SupplierDetailRoute = lazy(() => import('./routes/partners/supplier-detail'));
const CustomersRoute = lazy(() => import('./routes/partners/customers'));
const CarriersRoute = lazy(() => import('./routes/partners/carriers'));
const MappingsRoute = lazy(() => import('./routes/partners/mappings'));
const ContactsRoute = lazy(() => import('./routes/partners/contacts'));
const PortalUsersRoute = lazy(() => import('./routes/partners/portal-users'));
const UsersLayout = lazy(() => import('./routes/users/layout'));
const SignInPolicyRoute = lazy(() => import('./routes/users/sign-in'));
const UsersRoute = lazy(() => import('./routes/users/list'));
const UserNewRoute = lazy(() => import('./routes/users/new'));
const UserDetailRoute = lazy(() => import('./routes/users/detail'));
const DepartmentsRoute = lazy(() => import('./routes/users/departments'));
const ProfileRoute = lazy(() => import('./routes/profile'));



/**
 * Home, rendered at once when its code is already here (the sign-in page loads it while the
 * person types), so signing in never waits on a Suspense spinner and its reveal throttle.
 */
function DashboardRoute() {
  const Home = loadedHome();
  // Home is the module's own component (one identity for the app's life), not made here.
  // eslint-disable-next-line react-hooks/static-components
  return Home ? <Home /> : <LazyDashboardRoute />;
}

/** Sections with their own pages; the rest of the navigation still shows "coming soon". */
const BUILT_SECTIONS: Record<string, Omit<RouteObject, 'path'>> = {
  ...PROCUREMENT_SECTIONS,
  ...BUYING_SECTIONS,
  ...SALES_SECTIONS,
  stock: {
    element: <StockLayout />,
    children: [
      { index: true, element: <ProductsRoute /> },
      { path: 'products/new', element: <ProductNewRoute /> },
      { path: 'products/:productId', element: <ProductEditRoute /> },
      { path: 'categories', element: <CategoriesRoute /> },
      { path: 'import', element: <ProductImportRoute /> },
      { path: 'levels', element: guard('stock_level.view', <StockLevelsRoute />) },
      { path: 'movements', element: guard('stock_level.view', <StockMovementsRoute />) },
      { path: 'low', element: guard('stock_level.view', <LowStockRoute />) },
      { path: 'valuation', element: guard('stock_level.view', <ValuationRoute />) },
      { path: 'lots', element: guard('stock_level.view', <LotsRoute />) },
    ],
  },
  catalog: { element: <CatalogRoute /> },
  partners: {
    element: <PartnersLayout />,
    children: [
      { index: true, element: <SuppliersRoute /> },
      { path: 'suppliers/new', element: <SupplierNewRoute /> },
      { path: 'suppliers/:supplierId', element: <SupplierDetailRoute /> },
      { path: 'customers', element: <CustomersRoute /> },
      { path: 'carriers', element: <CarriersRoute /> },
      { path: 'mappings', element: <MappingsRoute /> },
      { path: 'contacts', element: <ContactsRoute /> },
      { path: 'portal-users', element: guard('customer_portal_user.view', <PortalUsersRoute />) },
    ],
  },
  audit: { element: <AuditRoute /> },
  reports: { element: <ReportsRoute /> },
  webhooks: { element: <WebhooksRoute /> },
  'invoice-mail': { element: <InvoiceMailRoute /> },
  users: {
    element: <UsersLayout />,
    children: [
      { index: true, element: <UsersRoute /> },
      { path: 'new', element: <UserNewRoute /> },
      { path: 'departments', element: <DepartmentsRoute /> },
      { path: 'sign-in', element: <SignInPolicyRoute /> },
      { path: ':userId', element: <UserDetailRoute /> },
    ],
  },
};

const sectionRoutes: RouteObject[] = NAV_ITEMS.filter((item) => item.path !== '/').map((item) => {
  const built = BUILT_SECTIONS[item.key];
  if (!built) return { path: item.path.slice(1), element: guard(item.requires, <SectionRoute title={item.label} />) };
  return {
    path: item.path.slice(1),
    element: guard(item.requires, built.element),
    ...(built.children ? { children: built.children } : {}),
  } as RouteObject;
});

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    // While the first page's code loads.
    hydrateFallbackElement: (
      <div className="flex min-h-screen items-center justify-center">
        <Spinner size="lg" />
      </div>
    ),
    children: [
      // Sign-in's code is loaded by the router before it shows the page (route `lazy`), not by a
      // Suspense boundary: a boundary that has shown its spinner holds the page back for React's
      // 300 ms reveal throttle even when the code arrived long before.
      { path: '/login', lazy: { Component: async () => (await import('./routes/login')).default } },
      { path: '/quote/:token', element: <SupplierQuoteRoute /> },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <DashboardRoute /> },
          { path: 'profile', element: <ProfileRoute /> },
          ...sectionRoutes, { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
