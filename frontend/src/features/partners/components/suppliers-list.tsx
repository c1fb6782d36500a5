import { ChoiceFilter, ListPage, ListSearch, RecordLink } from '@/components/list-page';
import type { Column } from '@/components/ui/table';
import { useListParams } from '@/hooks/use-list-params';

import { useSuppliers, type Supplier } from '../api/get-suppliers';
import { STATUS_LABELS, StatusBadge } from '../lib/status';

const NO_DEFAULTS = {};

export function SuppliersList({ supplierHref }: { supplierHref: (supplier: Supplier) => string }) {
  const list = useListParams(NO_DEFAULTS);
  const query = {
    ...list.paging,
    ordering: list.ordering ?? 'name',
    status: list.oneOf('status', STATUS_LABELS),
  };
  const suppliers = useSuppliers(query);
  const columns: Column<Supplier>[] = [
    { key: 'code', header: 'Code', sortKey: 'code', cell: (s) => <RecordLink to={supplierHref(s)}>{s.code}</RecordLink> },
    { key: 'name', header: 'Name', sortKey: 'name', cell: (s) => s.name },
    { key: 'terms', header: 'Terms', cell: (s) => (s.payment_terms_days !== undefined ? `Net ${s.payment_terms_days}` : '—') },
    { key: 'currency', header: 'Currency', cell: (s) => s.currency ?? '—' },
    { key: 'status', header: 'Status', cell: (s) => <StatusBadge status={s.status} /> },
  ];
  return (
    <ListPage
      caption="Suppliers"
      list={list}
      ordering={query.ordering}
      query={suppliers}
      columns={columns}
      noun="suppliers"
      emptyMessage={query.search || query.status ? 'No suppliers match these filters.' : 'No suppliers yet.'}
      filtersLabel="Supplier filters"
      filters={
        <>
          <ListSearch list={list} placeholder="Code, name or tax id" />
          <ChoiceFilter list={list} name="status" label="Status" anyLabel="Any status" choices={Object.entries(STATUS_LABELS)} />
        </>
      }
      pagesLabel="Supplier pages"
    />
  );
}
