import { useState } from 'react';

import { HistoryButton } from '@/components/history-dialog';
import { Button } from '@/components/ui/button';
import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Modal } from '@/components/ui/modal';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatMoney } from '@/lib/format';

import { CUSTOMER_KIND_LABELS, useCustomers, type Customer, type CustomerKind } from '../api/get-customers';
import type { PartyStatus } from '../api/get-suppliers';
import { STATUS_LABELS, StatusBadge } from '../lib/status';

import { CustomerEditor } from './customer-form';
import { SetActiveButton } from './set-active-button';

const NO_DEFAULTS = {};

export function CustomersList({ canEdit }: { canEdit: boolean }) {
  const list = useListParams(NO_DEFAULTS);
  const [editing, setEditing] = useState<Customer | 'new' | null>(null);
  const status = list.get('status');
  const kind = list.get('kind');
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering ?? 'name',
    search: list.search || undefined,
    status: (Object.keys(STATUS_LABELS) as string[]).includes(status) ? (status as PartyStatus) : undefined,
    kind: (Object.keys(CUSTOMER_KIND_LABELS) as string[]).includes(kind) ? (kind as CustomerKind) : undefined,
  };
  const customers = useCustomers(query);
  const columns: Column<Customer>[] = [
    { key: 'code', header: 'Code', sortKey: 'code', cell: (c) => <span className="font-medium">{c.code}</span> },
    { key: 'name', header: 'Name', sortKey: 'name', cell: (c) => c.name },
    { key: 'kind', header: 'Kind', cell: (c) => (c.kind ? CUSTOMER_KIND_LABELS[c.kind] : '—') },
    { key: 'region', header: 'Tax region', cell: (c) => c.tax_region },
    { key: 'credit', header: 'Credit limit', sortKey: 'credit_limit', align: 'right', cell: (c) => (c.credit_limit === undefined ? '—' : formatMoney(c.credit_limit, c.currency ?? 'USD')) },
    { key: 'status', header: 'Status', cell: (c) => <StatusBadge status={c.status} /> },
  ];
  columns.push({
    key: 'actions',
    header: <span className="sr-only">Actions</span>,
    cell: (c) => (
      <div className="flex gap-1">
        <HistoryButton source={{ resource: 'customers', id: c.id, version: c.updated_at }} name={c.name} />
        {canEdit ? (
          <>
            <Button size="sm" variant="ghost" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
              Edit
            </Button>
            <SetActiveButton resource="customers" id={c.id} name={c.name} isActive={c.is_active} consequence="No new sales orders can be taken for this customer." />
          </>
        ) : null}
      </div>
    ),
  });
  return (
    <div>
      <FilterBar label="Customer filters">
        <SearchInput label="Search" placeholder="Code, name or tax id" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Kind" value={kind} onChange={(value) => list.set({ kind: value })}>
          <option value="">Any kind</option>
          {(Object.keys(CUSTOMER_KIND_LABELS) as CustomerKind[]).map((value) => (
            <option key={value} value={value}>
              {CUSTOMER_KIND_LABELS[value]}
            </option>
          ))}
        </LabelledSelect>
        <LabelledSelect label="Status" value={status} onChange={(value) => list.set({ status: value })}>
          <option value="">Any status</option>
          {(Object.keys(STATUS_LABELS) as PartyStatus[]).map((value) => (
            <option key={value} value={value}>
              {STATUS_LABELS[value]}
            </option>
          ))}
        </LabelledSelect>
      </FilterBar>
      {canEdit ? (
        <div className="mb-3 flex justify-end">
          <Button size="sm" onClick={() => setEditing('new')}>
            New customer
          </Button>
        </div>
      ) : null}
      <Table
        caption="Customers"
        columns={columns}
        rows={customers.data?.results}
        rowKey={(c) => c.id}
        isLoading={customers.isPending}
        error={customers.isError ? `Could not load customers. ${errorMessage(customers.error)}` : null}
        onRetry={() => void customers.refetch()}
        emptyMessage="No customers match these filters."
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={customers.data?.count} onPageChange={list.setPage} label="Customer pages" />
      <Modal open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'New customer' : `Edit ${editing?.name ?? ''}`} size="lg">
        {editing ? (
          <CustomerEditor
            customer={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onDone={(saved) => {
              toast.success(`${saved.name} saved.`);
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
    </div>
  );
}
