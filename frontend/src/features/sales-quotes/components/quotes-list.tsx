import { useState } from 'react';
import { Link } from 'react-router';

import { Badge } from '@/components/ui/badge';
import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatMoney } from '@/lib/format';

import { QUOTE_STATUS, useSalesQuotes, type SalesQuoteRow, type SalesQuoteStatus } from '../api/sales-quotes';

export function QuoteStatusBadge({ status }: { status: SalesQuoteStatus }) {
  const { label, tone } = QUOTE_STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

/** Quotes to customers, newest first: status, validity, total and the order an accepted one became. */
export function QuotesList({ quoteHref, orderHref }: { quoteHref: (id: number) => string; orderHref: (id: number) => string }) {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const quotes = useSalesQuotes({ page, search, status: status in QUOTE_STATUS ? (status as SalesQuoteStatus) : undefined });
  const linkClass = 'font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500';
  const columns: Column<SalesQuoteRow>[] = [
    {
      key: 'number',
      header: 'Number',
      cell: (q) => (
        <Link to={quoteHref(q.id)} className={linkClass}>
          {q.number}
        </Link>
      ),
    },
    { key: 'customer', header: 'Customer', cell: (q) => q.customer_name },
    { key: 'status', header: 'Status', cell: (q) => <QuoteStatusBadge status={q.status} /> },
    { key: 'date', header: 'Quoted', cell: (q) => formatDate(q.quote_date) },
    { key: 'valid', header: 'Valid until', cell: (q) => formatDate(q.valid_until) },
    { key: 'total', header: 'Total', align: 'right', cell: (q) => formatMoney(q.total, q.currency) },
    {
      key: 'order',
      header: 'Sales order',
      cell: (q) =>
        q.sales_order ? (
          <Link to={orderHref(q.sales_order)} className={linkClass}>
            {q.sales_order_number}
          </Link>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <div>
      <FilterBar label="Quote filters">
        <SearchInput label="Search" placeholder="Number, customer or reference" value={search} onSearch={(value) => { setSearch(value); setPage(1); }} />
        <LabelledSelect label="Status" value={status} onChange={(value) => { setStatus(value); setPage(1); }}>
          <option value="">Any status</option>
          {(Object.keys(QUOTE_STATUS) as SalesQuoteStatus[]).map((value) => (
            <option key={value} value={value}>
              {QUOTE_STATUS[value].label}
            </option>
          ))}
        </LabelledSelect>
      </FilterBar>
      <Table
        caption="Quotes"
        columns={columns}
        rows={quotes.data?.results}
        rowKey={(q) => q.id}
        isLoading={quotes.isPending}
        error={quotes.isError ? `Could not load quotes. ${errorMessage(quotes.error)}` : null}
        onRetry={() => void quotes.refetch()}
        emptyMessage={search || status ? 'No quote matches these filters.' : 'No quotes yet.'}
      />
      <Pagination page={page} pageSize={20} count={quotes.data?.count} onPageChange={setPage} label="Quote pages" />
    </div>
  );
}
