import { ChoiceFilter, ListPage, ListSearch, RecordLink } from '@/components/list-page';
import type { Column } from '@/components/ui/table';
import { useListParams } from '@/hooks/use-list-params';
import { formatDate } from '@/lib/format';

import { RETURN_REASONS, RETURN_STATUS_LABELS, useCustomerReturns, type CustomerReturn } from '../api/get-customer-returns';

import { CustomerReturnStatusBadge } from './customer-return-status';

const DEFAULTS = { ordering: '-authorised_on' };

export function CustomerReturnsList({ returnHref }: { returnHref: (value: CustomerReturn) => string }) {
  const list = useListParams(DEFAULTS);
  const query = {
    ...list.paging,
    status: list.oneOf('status', RETURN_STATUS_LABELS),
  };
  const returns = useCustomerReturns(query);
  const columns: Column<CustomerReturn>[] = [
    { key: 'number', header: 'Return', sortKey: 'number', cell: (r) => <RecordLink to={returnHref(r)}>{r.number}</RecordLink> },
    { key: 'customer', header: 'Customer', cell: (r) => r.customer_name },
    { key: 'invoice', header: 'Invoice', cell: (r) => r.invoice_number },
    { key: 'reason', header: 'Reason', cell: (r) => RETURN_REASONS[r.reason] },
    { key: 'status', header: 'Status', cell: (r) => <CustomerReturnStatusBadge status={r.status} /> },
    { key: 'authorised', header: 'Authorised', sortKey: 'authorised_on', cell: (r) => formatDate(r.authorised_on) },
    { key: 'credit', header: 'Credit note', cell: (r) => r.credit_note_number || '—' },
  ];
  return (
    <ListPage
      caption="Customer returns"
      list={list}
      query={returns}
      columns={columns}
      noun="returns"
      emptyMessage={query.search || query.status ? 'No returns match these filters.' : 'No customer returns yet. Authorise one from an invoice.'}
      filtersLabel="Customer return filters"
      filters={
        <>
          <ListSearch list={list} placeholder="Return, invoice, order or customer" />
          <ChoiceFilter list={list} name="status" label="Status" anyLabel="Any status" choices={Object.entries(RETURN_STATUS_LABELS)} />
        </>
      }
      pagesLabel="Return pages"
    />
  );
}
