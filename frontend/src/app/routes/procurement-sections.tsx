import { lazy } from 'react';
import { Outlet, type RouteObject } from 'react-router';

import { guard } from './guard';

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
const OrderEditRoute = lazy(() => import('./procurement/order-edit'));
const InvoicesRoute = lazy(() => import('./procurement/invoices'));
const InvoiceUploadRoute = lazy(() => import('./procurement/invoice-upload'));
const InvoiceReviewRoute = lazy(() => import('./procurement/invoice-review'));
const InvoiceDetailRoute = lazy(() => import('./procurement/invoice-detail'));
const ApAgingRoute = lazy(() => import('./procurement/ap-aging'));
const ApprovalsLayout = lazy(() => import('./procurement/approvals-layout'));
const DelegationsRoute = lazy(() => import('./procurement/delegations'));
const ApprovalRulesRoute = lazy(() => import('./procurement/approval-rules'));

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
  approvals: {
    element: <ApprovalsLayout />,
    children: [
      { index: true, element: <MyApprovalsRoute /> },
      { path: 'delegations', element: guard('delegation.view', <DelegationsRoute />) },
      { path: 'rules', element: guard('approval_rule.view', <ApprovalRulesRoute />) },
    ],
  },
  'purchase-orders': {
    element: <Outlet />,
    children: [
      { index: true, element: <OrdersRoute /> },
      { path: 'new', element: <OrderNewRoute /> },
      { path: 'new/direct', element: <OrderDirectRoute /> },
      { path: ':orderId', element: <OrderDetailRoute /> },
      { path: ':orderId/edit', element: guard('purchase_order.update', <OrderEditRoute />) },
    ],
  },
  'supplier-invoices': {
    element: <Outlet />,
    children: [
      { index: true, element: <InvoicesRoute /> },
      { path: 'upload', element: <InvoiceUploadRoute /> },
      { path: 'aging', element: guard('payables_report.view', <ApAgingRoute />) },
      { path: 'documents/:documentId', element: <InvoiceReviewRoute /> },
      { path: ':invoiceId', element: <InvoiceDetailRoute /> },
    ],
  },
};
