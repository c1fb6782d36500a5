import { Link } from 'react-router';

import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';

import { useSuppliers, type PartyStatus, type Supplier } from '../api/get-suppliers';
import { STATUS_LABELS, StatusBadge } from '../lib/status';

const NO_DEFAULTS = {};

export function SuppliersList({ supplierHref }: { supplierHref: (supplier: Supplier) => string }) {
  const list = useListParams(NO_DEFAULTS);
  const status = list.get('status');
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering ?? 'name',
    search: list.search || undefined,
    status: (Object.keys(STATUS_LABELS) as string[]).includes(status) ? (status as PartyStatus) : undefined,
  };
  const suppliers = useSuppliers(query);
  const columns: Column<Supplier>[] = [
    {
      key: 'code',
      header: 'Code',
      sortKey: 'code',
      cell: (s) => (
        <Link to={supplierHref(s)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          {s.code}
        </Link>
      ),
    },
    { key: 'name', header: 'Name', sortKey: 'name', cell: (s) => s.name },
    { key: 'terms', header: 'Terms', cell: (s) => (s.payment_terms_days !== undefined ? `Net ${s.payment_terms_days}` : '—') },
    { key: 'currency', header: 'Currency', cell: (s) => s.currency ?? '—' },
    { key: 'status', header: 'Status', cell: (s) => <StatusBadge status={s.status} /> },
  ];
  return (
    <div>
      <FilterBar label="Supplier filters">
        <SearchInput label="Search" placeholder="Code, name or tax id" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Status" value={status} onChange={(value) => list.set({ status: value })}>
          <option value="">Any status</option>
          {(Object.keys(STATUS_LABELS) as PartyStatus[]).map((value) => (
            <option key={value} value={value}>
              {STATUS_LABELS[value]}
            </option>
          ))}
        </LabelledSelect>
      </FilterBar>
      <Table
        caption="Suppliers"
        columns={columns}
        rows={suppliers.data?.results}
        rowKey={(s) => s.id}
        isLoading={suppliers.isPending}
        error={suppliers.isError ? `Could not load suppliers. ${errorMessage(suppliers.error)}` : null}
        onRetry={() => void suppliers.refetch()}
        emptyMessage={query.search || query.status ? 'No suppliers match these filters.' : 'No suppliers yet.'}
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={suppliers.data?.count} onPageChange={list.setPage} label="Supplier pages" />
    </div>
  );
}
