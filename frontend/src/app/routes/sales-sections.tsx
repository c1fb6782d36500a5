import { lazy } from 'react';
import { Outlet, type RouteObject } from 'react-router';

import { guard } from './guard';

/** The order-to-cash sections, keyed by their navigation entry (lazy pages only). */
const SalesLayout = lazy(() => import('./sales/layout'));
const OrdersRoute = lazy(() => import('./sales/orders'));
const OrderNewRoute = lazy(() => import('./sales/order-new'));
const OrderDetailRoute = lazy(() => import('./sales/order-detail'));
const OrderEditRoute = lazy(() => import('./sales/order-edit'));
const ShipmentsRoute = lazy(() => import('./sales/shipments'));
const PriceListsRoute = lazy(() => import('./sales/price-lists'));
const CustomerReturnsRoute = lazy(() => import('./sales/returns'));
const CustomerReturnDetailRoute = lazy(() => import('./sales/return-detail'));
const QuotesRoute = lazy(() => import('./sales/quotes'));
const QuoteNewRoute = lazy(() => import('./sales/quote-new'));
const QuoteDetailRoute = lazy(() => import('./sales/quote-detail'));
const ReceivablesLayout = lazy(() => import('./sales/receivables-layout'));
const InvoicesRoute = lazy(() => import('./sales/invoices'));
const InvoiceDetailRoute = lazy(() => import('./sales/invoice-detail'));
const PaymentsRoute = lazy(() => import('./sales/payments'));
const AgingRoute = lazy(() => import('./sales/aging'));
const StatementRoute = lazy(() => import('./sales/statement'));
const PortalStatementRoute = lazy(() => import('./portal/statement'));
const PortalRoute = lazy(() => import('./portal/overview'));
const PortalOrderRoute = lazy(() => import('./portal/order-detail'));
const PortalOrderNewRoute = lazy(() => import('./portal/order-new'));
const PortalOrderEditRoute = lazy(() => import('./portal/order-edit'));
const PortalInvoiceRoute = lazy(() => import('./portal/invoice-detail'));

export const SALES_SECTIONS: Record<string, Omit<RouteObject, 'path'>> = {
  'sales-orders': {
    element: <Outlet />,
    children: [
      {
        element: <SalesLayout />,
        children: [
          { index: true, element: <OrdersRoute /> },
          { path: 'shipments', element: <ShipmentsRoute /> },
          { path: 'quotes', element: <QuotesRoute /> },
          { path: 'price-lists', element: <PriceListsRoute /> },
          { path: 'returns', element: <CustomerReturnsRoute /> },
        ],
      },
      { path: 'returns/:returnId', element: <CustomerReturnDetailRoute /> },
      { path: 'quotes/new', element: <QuoteNewRoute /> },
      { path: 'quotes/:quoteId', element: <QuoteDetailRoute /> },
      { path: 'new', element: <OrderNewRoute /> },
      { path: ':orderId', element: <OrderDetailRoute /> },
      { path: ':orderId/edit', element: guard('sales_order.edit_terms', <OrderEditRoute />) },
    ],
  },
  receivables: {
    element: <Outlet />,
    children: [
      {
        element: <ReceivablesLayout />,
        children: [
          { index: true, element: <InvoicesRoute /> },
          { path: 'payments', element: <PaymentsRoute /> },
          { path: 'aging', element: <AgingRoute /> },
          { path: 'statement', element: <StatementRoute /> },
        ],
      },
      { path: 'invoices/:invoiceId', element: <InvoiceDetailRoute /> },
    ],
  },
  portal: {
    element: <Outlet />,
    children: [
      { index: true, element: <PortalRoute /> },
      { path: 'orders/new', element: <PortalOrderNewRoute /> },
      { path: 'orders/:orderId', element: <PortalOrderRoute /> },
      { path: 'orders/:orderId/edit', element: guard('sales_order.update', <PortalOrderEditRoute />) },
      { path: 'invoices/:invoiceId', element: <PortalInvoiceRoute /> },
      { path: 'statement', element: <PortalStatementRoute /> },
    ],
  },
};
