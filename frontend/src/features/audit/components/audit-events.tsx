import { useId } from 'react';

import { ExportMenu } from '@/components/export-menu';
import { FilterBar } from '@/components/ui/filter-bar';
import { Input } from '@/components/ui/input';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';

import { useAuditEvents, type AuditEvent } from '../api/get-audit-events';
import { actionLabel } from '@/components/history-changes';

import { EventChanges } from './history-panel';

const NO_DEFAULTS = {};

function TextFilter({ label, value, onChange, type = 'text', placeholder }: { label: string; value: string; onChange: (value: string) => void; type?: string; placeholder?: string }) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <Input id={id} type={type} value={value} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

/** Day boundaries in the person's time zone, as instants for the API. */
function startOfDay(date: string): string | undefined {
  return date ? new Date(`${date}T00:00:00`).toISOString() : undefined;
}
function startOfNextDay(date: string): string | undefined {
  if (!date) return undefined;
  const day = new Date(`${date}T00:00:00`);
  day.setDate(day.getDate() + 1);
  return day.toISOString();
}

export function AuditEvents() {
  const list = useListParams(NO_DEFAULTS);
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering ?? '-sequence',
    search: list.search || undefined,
    action_prefix: list.get('action') || undefined,
    object_type: list.get('type') || undefined,
    object_id: list.get('object') || undefined,
    occurred_after: startOfDay(list.get('from')),
    occurred_before: startOfNextDay(list.get('to')),
  };
  const events = useAuditEvents(query);

  const columns: Column<AuditEvent>[] = [
    { key: 'seq', header: '#', sortKey: 'sequence', align: 'right', cell: (e) => e.sequence },
    { key: 'when', header: 'When', sortKey: 'occurred_at', cell: (e) => <span className="whitespace-nowrap">{formatDateTime(e.occurred_at)}</span> },
    { key: 'actor', header: 'Who', cell: (e) => e.actor_email || 'system' },
    {
      key: 'action',
      header: 'What',
      cell: (e) => (
        <div>
          <span className="font-medium">{actionLabel(e.action)}</span>
          <EventChanges event={e} />
        </div>
      ),
    },
    {
      key: 'object',
      header: 'Object',
      cell: (e) => (
        <span>
          {e.object_repr || e.object_id}
          <span className="block text-xs text-slate-600 dark:text-slate-400">
            {e.object_type} {e.object_id}
          </span>
        </span>
      ),
    },
  ];

  return (
    <div>
      <FilterBar label="Audit filters">
        <SearchInput label="Search" value={list.search} onSearch={(search) => list.set({ search })} />
        <TextFilter label="Action starts with" placeholder="e.g. product." value={list.get('action')} onChange={(action) => list.set({ action })} />
        <TextFilter label="Object type" placeholder="e.g. catalog.product" value={list.get('type')} onChange={(type) => list.set({ type })} />
        <TextFilter label="Object id" value={list.get('object')} onChange={(object) => list.set({ object })} />
        <TextFilter label="From" type="date" value={list.get('from')} onChange={(from) => list.set({ from })} />
        <TextFilter label="To" type="date" value={list.get('to')} onChange={(to) => list.set({ to })} />
      </FilterBar>
      <div className="mb-3 flex justify-end">
        <ExportMenu path="/api/v1/audit/events/export/" query={query} noun="audit events" columns={[{ field: 'sequence', header: '#' }, { field: 'occurred_at', header: 'When' }, { field: 'actor_email', header: 'Who' }, { field: 'action', header: 'Action' }, { field: 'object_type', header: 'Object type' }, { field: 'object_id', header: 'Object id' }, { field: 'object_repr', header: 'Object' }]} />
      </div>
      <Table
        caption="Audit events"
        columns={columns}
        rows={events.data?.results}
        rowKey={(e) => e.id}
        isLoading={events.isPending}
        error={events.isError ? `Could not load audit events. ${errorMessage(events.error)}` : null}
        onRetry={() => void events.refetch()}
        emptyMessage="No events match these filters."
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={events.data?.count} onPageChange={list.setPage} label="Audit event pages" />
    </div>
  );
}
