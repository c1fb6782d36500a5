import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-error';
import { formatMoney } from '@/lib/format';

import { centsToString, useOverdueReceivables } from '../api/get-overdue-receivables';
import { useOpenOrdersCount, useOpenRequestsCount, usePendingApprovalsCount } from '../api/get-work-counts';

interface FigureQuery<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

function Figure<T>({ query, render, testId, href, linkText, label }: { query: FigureQuery<T>; render: (data: T) => ReactNode; testId: string; href: string; linkText: string; label: string }) {
  let figure: ReactNode;
  if (query.isPending) figure = <Spinner size="sm" label={`Loading ${label}…`} />;
  else if (query.isError || query.data === undefined) figure = <span className="text-sm text-red-700 dark:text-red-400">Could not load: {errorMessage(query.error)}</span>;
  else
    figure = (
      <span className="text-3xl font-semibold tabular-nums" data-testid={testId}>
        {render(query.data)}
      </span>
    );
  return (
    <div className="mt-3 flex flex-wrap items-end justify-between gap-3">
      {figure}
      <Link to={href} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
        {linkText}
      </Link>
    </div>
  );
}

function PendingApprovals() {
  return <Figure query={usePendingApprovalsCount()} render={(n) => n} testId="pending-approvals-count" href="/approvals" linkText="Decide" label="pending approvals" />;
}

function OpenRequests() {
  return <Figure query={useOpenRequestsCount()} render={(n) => n} testId="open-requests-count" href="/purchase-requests" linkText="See requests" label="open requests" />;
}

function OpenOrders() {
  return <Figure query={useOpenOrdersCount()} render={(n) => n} testId="open-orders-count" href="/purchase-orders?status=issued" linkText="See orders" label="open orders" />;
}

function OverdueReceivables() {
  return (
    <Figure
      query={useOverdueReceivables()}
      render={(totals) => (totals.length === 0 ? formatMoney('0', 'USD') : totals.map((t) => formatMoney(centsToString(t.cents), t.currency)).join(' · '))}
      testId="overdue-receivables"
      href="/receivables/aging"
      linkText="See aging"
      label="overdue receivables"
    />
  );
}

/** The live figure of a dashboard card, refreshed every 15 s while the tab is visible. */
export function WorkFigure({ cardKey }: { cardKey: string }) {
  switch (cardKey) {
    case 'pending-approvals':
      return <PendingApprovals />;
    case 'open-requests':
      return <OpenRequests />;
    case 'open-purchase-orders':
      return <OpenOrders />;
    case 'overdue-receivables':
      return <OverdueReceivables />;
    default:
      return null;
  }
}
