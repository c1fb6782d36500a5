import { lazy } from 'react';
import { Outlet, type RouteObject } from 'react-router';

/* Buying: requests for quotation, budgets and exchange rates, keyed by their navigation entry. */
const RfqsRoute = lazy(() => import('./buying/rfqs'));
const RfqDetailRoute = lazy(() => import('./buying/rfq-detail'));
const BudgetsRoute = lazy(() => import('./buying/budgets'));
const ExchangeRatesRoute = lazy(() => import('./buying/exchange-rates'));

export const BUYING_SECTIONS: Record<string, Omit<RouteObject, 'path'>> = {
  rfqs: {
    element: <Outlet />,
    children: [
      { index: true, element: <RfqsRoute /> },
      { path: ':rfqId', element: <RfqDetailRoute /> },
    ],
  },
  budgets: { element: <BudgetsRoute /> },
  'exchange-rates': { element: <ExchangeRatesRoute /> },
};
