import { lazy } from 'react';
import { Outlet, type RouteObject } from 'react-router';

/*
 * The procure-to-pay sections, keyed by their navigation entry. Only lazy references live here,
 * so each page stays in its own chunk.
 */
const RequestsRoute = lazy(() => import('./procurement/requests'));
const RequestNewRoute = lazy(() => import('./procurement/request-new'));
const RequestDetailRoute = lazy(() => import('./procurement/request-detail'));
const RequestEditRoute = lazy(() => import('./procurement/request-edit'));
const MyApprovalsRoute = lazy(() => import('./procurement/my-approvals'));
const OrdersRoute = lazy(() => import('./procurement/orders'));
const OrderNewRoute = lazy(() => import('./procurement/order-new'));
const OrderDirectRoute = lazy(() => import('./procurement/order-direct'));
const OrderDetailRoute = lazy(() => import('./procurement/order-detail'));
const InvoicesRoute = lazy(() => import('./procurement/invoices'));
const InvoiceUploadRoute = lazy(() => import('./procurement/invoice-upload'));
const InvoiceReviewRoute = lazy(() => import('./procurement/invoice-review'));
const InvoiceDetailRoute = lazy(() => import('./procurement/invoice-detail'));

export const PROCUREMENT_SECTIONS: Record<string, Omit<RouteObject, 'path'>> = {
  'purchase-requests': {
    element: <Outlet />,
    children: [
      { index: true, element: <RequestsRoute /> },
      { path: 'new', element: <RequestNewRoute /> },
      { path: ':requestId', element: <RequestDetailRoute /> },
      { path: ':requestId/edit', element: <RequestEditRoute /> },
    ],
  },
  approvals: { element: <MyApprovalsRoute /> },
  'purchase-orders': {
    element: <Outlet />,
    children: [
      { index: true, element: <OrdersRoute /> },
      { path: 'new', element: <OrderNewRoute /> },
      { path: 'new/direct', element: <OrderDirectRoute /> },
      { path: ':orderId', element: <OrderDetailRoute /> },
    ],
  },
  'supplier-invoices': {
    element: <Outlet />,
    children: [
      { index: true, element: <InvoicesRoute /> },
      { path: 'upload', element: <InvoiceUploadRoute /> },
      { path: 'documents/:documentId', element: <InvoiceReviewRoute /> },
      { path: ':invoiceId', element: <InvoiceDetailRoute /> },
    ],
  },
};
