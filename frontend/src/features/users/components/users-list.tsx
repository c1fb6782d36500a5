import { Link } from 'react-router';

import { Badge } from '@/components/ui/badge';
import { FilterBar } from '@/components/ui/filter-bar';
import { LabelledSelect } from '@/components/ui/labelled-select';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table, type Column } from '@/components/ui/table';
import { isRole, ROLE_LABELS, ROLES } from '@/config/roles';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';
import { booleanParam, numberParam } from '@/lib/query-string';

import { useDepartments } from '../api/get-departments';
import { useUsers, type UserAdmin } from '../api/get-users';

const DEFAULTS = { active: 'true' };

export function UsersList({ userHref }: { userHref: (user: UserAdmin) => string }) {
  const list = useListParams(DEFAULTS);
  const departments = useDepartments();
  const role = list.get('role');
  const query = {
    page: list.page,
    page_size: PAGE_SIZE,
    ordering: list.ordering ?? 'full_name',
    search: list.search || undefined,
    role: isRole(role) ? role : undefined,
    department: numberParam(list.get('department')),
    is_active: booleanParam(list.get('active')),
  };
  const users = useUsers(query);
  const columns: Column<UserAdmin>[] = [
    {
      key: 'name',
      header: 'Name',
      sortKey: 'full_name',
      cell: (u) => (
        <Link to={userHref(u)} className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          {u.full_name || u.email}
        </Link>
      ),
    },
    { key: 'email', header: 'Email', sortKey: 'email', cell: (u) => u.email },
    { key: 'department', header: 'Department', cell: (u) => u.department?.name ?? '—' },
    {
      key: 'roles',
      header: 'Roles',
      cell: (u) => (
        <span className="flex flex-wrap gap-1">
          {u.roles.length === 0 ? '—' : u.roles.map((r) => <Badge key={r}>{isRole(r) ? ROLE_LABELS[r] : r}</Badge>)}
        </span>
      ),
    },
    { key: 'last_login', header: 'Last sign-in', sortKey: 'last_login', cell: (u) => (u.last_login ? formatDateTime(u.last_login) : 'Never') },
    { key: 'status', header: 'Status', cell: (u) => (u.is_active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
  ];
  return (
    <div>
      <FilterBar label="User filters">
        <SearchInput label="Search" placeholder="Name or email" value={list.search} onSearch={(search) => list.set({ search })} />
        <LabelledSelect label="Role" value={role} onChange={(value) => list.set({ role: value })}>
          <option value="">Any role</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </LabelledSelect>
        <LabelledSelect label="Department" value={list.get('department')} onChange={(department) => list.set({ department })}>
          <option value="">Any department</option>
          {(departments.data ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </LabelledSelect>
        <LabelledSelect label="Status" value={list.get('active')} onChange={(active) => list.set({ active: active || 'all' })}>
          <option value="true">Active</option>
          <option value="false">Inactive</option>
          <option value="all">All</option>
        </LabelledSelect>
      </FilterBar>
      <Table
        caption="Users"
        columns={columns}
        rows={users.data?.results}
        rowKey={(u) => u.id}
        isLoading={users.isPending}
        error={users.isError ? `Could not load users. ${errorMessage(users.error)}` : null}
        onRetry={() => void users.refetch()}
        emptyMessage="No users match these filters."
        ordering={query.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={users.data?.count} onPageChange={list.setPage} label="User pages" />
    </div>
  );
}
