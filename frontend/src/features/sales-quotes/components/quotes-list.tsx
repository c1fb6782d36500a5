import { ChoiceFilter, labelChoices, ListPage, ListSearch, RecordLink } from '@/components/list-page';
import { Badge } from '@/components/ui/badge';
import type { Column } from '@/components/ui/table';
import { useListParams } from '@/hooks/use-list-params';
import { formatDate, formatMoney } from '@/lib/format';

import { QUOTE_STATUS, useSalesQuotes, type SalesQuoteRow, type SalesQuoteStatus } from '../api/sales-quotes';

export function QuoteStatusBadge({ status }: { status: SalesQuoteStatus }) {
  const { label, tone } = QUOTE_STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

/** Quotes to customers, newest first: status, validity, total and the order an accepted one became. */
export function QuotesList({ quoteHref, orderHref }: { quoteHref: (id: number) => string; orderHref: (id: number) => string }) {
  const list = useListParams();
  const filter = list.oneOf('status', QUOTE_STATUS);
  const quotes = useSalesQuotes({ page: list.page, search: list.search, ...(filter ? { status: filter } : {}) });
  const columns: Column<SalesQuoteRow>[] = [
    { key: 'number', header: 'Number', cell: (q) => <RecordLink to={quoteHref(q.id)}>{q.number}</RecordLink> },
    { key: 'customer', header: 'Customer', cell: (q) => q.customer_name },
    { key: 'status', header: 'Status', cell: (q) => <QuoteStatusBadge status={q.status} /> },
    { key: 'date', header: 'Quoted', cell: (q) => formatDate(q.quote_date) },
    { key: 'valid', header: 'Valid until', cell: (q) => formatDate(q.valid_until) },
    { key: 'total', header: 'Total', align: 'right', cell: (q) => formatMoney(q.total, q.currency) },
    {
      key: 'order',
      header: 'Sales order',
      cell: (q) => (q.sales_order ? <RecordLink to={orderHref(q.sales_order)}>{q.sales_order_number}</RecordLink> : '—'),
    },
  ];
  return (
    <ListPage
      caption="Quotes"
      list={list}
      query={quotes}
      columns={columns}
      noun="quotes"
      emptyMessage={list.search || filter ? 'No quote matches these filters.' : 'No quotes yet.'}
      filtersLabel="Quote filters"
      filters={
        <>
          <ListSearch list={list} placeholder="Number, customer or reference" />
          <ChoiceFilter list={list} name="status" label="Status" anyLabel="Any status" choices={labelChoices(QUOTE_STATUS)} />
        </>
      }
      pagesLabel="Quote pages"
    />
  );
}
