import { Link } from 'react-router';

import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { FilterBar } from '@/components/ui/filter-bar';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatDateTime, formatMoney } from '@/lib/format';

import { useMyApprovals, type PendingApproval } from '../api/get-my-approvals';

const DEFAULTS = { ordering: 'submitted_at' };

/** The approver's queue, oldest first; each row opens the request to decide it. */
export function MyApprovals({ requestHref }: { requestHref: (row: PendingApproval) => string }) {
  const list = useListParams(DEFAULTS);
  const query = { page: list.page, page_size: PAGE_SIZE, ordering: list.ordering, search: list.search || undefined };
  const approvals = useMyApprovals(query);
  const columns: Column<PendingApproval>[] = [
    {
      key: 'number',
      header: 'Request',
      cell: (r) => (
        <Link to={requestHref(r)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          {r.number}
        </Link>
      ),
    },
    { key: 'title', header: 'Title', cell: (r) => r.title },
    { key: 'requester', header: 'Requester', cell: (r) => `${r.requester.full_name} (${r.department_name})` },
    { key: 'step', header: 'Step', cell: (r) => (r.current_step ? `Step ${r.current_step.sequence}` : '—') },
    { key: 'submitted', header: 'Waiting since', sortKey: 'submitted_at', cell: (r) => (r.submitted_at ? formatDateTime(r.submitted_at) : '—') },
    { key: 'needed', header: 'Needed by', sortKey: 'needed_by', cell: (r) => (r.needed_by ? formatDate(r.needed_by) : '—') },
    { key: 'total', header: 'Total', sortKey: 'total', align: 'right', cell: (r) => formatMoney(r.total, r.currency) },
  ];
  return (
    <div>
      <FilterBar label="Approval filters">
        <SearchInput label="Search" placeholder="Number or title" value={list.search} onSearch={(search) => list.set({ search })} />
      </FilterBar>
      <Table
        caption="Requests waiting for my approval"
        columns={columns}
        rows={approvals.data?.results}
        rowKey={(r) => r.id}
        isLoading={approvals.isPending}
        error={approvals.isError ? `Could not load your approvals. ${errorMessage(approvals.error)}` : null}
        onRetry={() => void approvals.refetch()}
        emptyMessage={query.search ? 'No waiting requests match.' : 'Nothing is waiting for your decision.'}
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={approvals.data?.count} onPageChange={list.setPage} label="Approval pages" />
    </div>
  );
}
