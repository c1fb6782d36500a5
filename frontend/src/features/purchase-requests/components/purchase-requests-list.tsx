import { useId } from 'react';

import { ChoiceFilter, labelChoices, ListPage, namedChoices, ListSearch, RecordLink } from '@/components/list-page';
import { Input } from '@/components/ui/input';
import type { Column } from '@/components/ui/table';
import { useListParams } from '@/hooks/use-list-params';
import { formatDate, formatMoney } from '@/lib/format';
import { numberParam } from '@/lib/query-string';

import { useDepartments } from '../api/get-departments';
import { usePurchaseRequests, type PurchaseRequestRow } from '../api/get-purchase-requests';
import { REQUEST_STATUS, RequestStatusBadge } from '../lib/status';

const DEFAULTS = { ordering: '-created_at' };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT_RE = /^\d+(\.\d{1,2})?$/;

function dateParam(value: string): string | undefined {
  return DATE_RE.test(value) ? value : undefined;
}

function amountParam(value: string): number | undefined {
  return AMOUNT_RE.test(value) ? Number(value) : undefined;
}

function InputFilter({ label, type, value, onChange }: { label: string; type: 'date' | 'number'; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <Input
        id={id}
        type={type}
        value={value}
        {...(type === 'number' ? { min: 0, step: '0.01', inputMode: 'decimal' as const } : {})}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** Requests the signed-in person may see, filtered and sorted by the server. */
export function PurchaseRequestsList({ requestHref }: { requestHref: (row: PurchaseRequestRow) => string }) {
  const list = useListParams(DEFAULTS);
  const query = {
    ...list.paging,
    status: list.oneOf('status', REQUEST_STATUS),
    department: numberParam(list.get('department')),
    created_after: dateParam(list.get('created_after')),
    created_before: dateParam(list.get('created_before')),
    total_min: amountParam(list.get('total_min')),
    total_max: amountParam(list.get('total_max')),
  };
  const requests = usePurchaseRequests(query);
  const departments = useDepartments();
  const filtered = Boolean(
    query.search || query.status || query.department || query.created_after || query.created_before || query.total_min !== undefined || query.total_max !== undefined,
  );

  const columns: Column<PurchaseRequestRow>[] = [
    { key: 'number', header: 'Number', sortKey: 'number', cell: (r) => <RecordLink to={requestHref(r)}>{r.number}</RecordLink> },
    { key: 'title', header: 'Title', cell: (r) => r.title },
    { key: 'status', header: 'Status', sortKey: 'status', cell: (r) => <RequestStatusBadge status={r.status} /> },
    { key: 'requester', header: 'Requester', cell: (r) => r.requester.full_name },
    { key: 'department', header: 'Department', cell: (r) => r.department_name },
    { key: 'needed_by', header: 'Needed by', sortKey: 'needed_by', cell: (r) => (r.needed_by ? formatDate(r.needed_by) : '—') },
    { key: 'created', header: 'Created', sortKey: 'created_at', cell: (r) => formatDate(r.created_at) },
    { key: 'total', header: 'Total', sortKey: 'total', align: 'right', cell: (r) => formatMoney(r.total, r.currency) },
  ];

  return (
    <ListPage
      caption="Purchase requests"
      list={list}
      query={requests}
      columns={columns}
      noun="purchase requests"
      emptyMessage={filtered ? 'No requests match these filters.' : 'No purchase requests yet.'}
      filtersLabel="Purchase request filters"
      filters={
        <>
          <ListSearch list={list} placeholder="Number, title or description" />
          <ChoiceFilter list={list} name="status" label="Status" anyLabel="Any status" choices={labelChoices(REQUEST_STATUS)} />
          <ChoiceFilter
            list={list}
            name="department"
            label="Department"
            anyLabel="Any department"
            choices={namedChoices(departments.data)}
          />
          <InputFilter label="Created from" type="date" value={list.get('created_after')} onChange={(value) => list.set({ created_after: value })} />
          <InputFilter label="Created to" type="date" value={list.get('created_before')} onChange={(value) => list.set({ created_before: value })} />
          <InputFilter label="Total min" type="number" value={list.get('total_min')} onChange={(value) => list.set({ total_min: value })} />
          <InputFilter label="Total max" type="number" value={list.get('total_max')} onChange={(value) => list.set({ total_max: value })} />
        </>
      }
      exportTo={{
        path: '/api/v1/purchase-requests/export/',
        query,
        columns: [{ field: 'number', header: 'Number' }, { field: 'title', header: 'Title' }, { field: 'status', header: 'Status' }, { field: 'requester.full_name', header: 'Requester' }, { field: 'department_name', header: 'Department' }, { field: 'needed_by', header: 'Needed by' }, { field: 'created_at', header: 'Created' }, { field: 'currency', header: 'Currency' }, { field: 'total', header: 'Total' }],
      }}
      pagesLabel="Purchase request pages"
    />
  );
}
