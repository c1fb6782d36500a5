import { ChoiceFilter, namedChoices, ListPage, ListSearch, RecordLink } from '@/components/list-page';
import { Badge } from '@/components/ui/badge';
import { LabelledSelect } from '@/components/ui/labelled-select';
import type { Column } from '@/components/ui/table';
import { isRole, ROLE_LABELS, ROLES } from '@/config/roles';
import { useListParams } from '@/hooks/use-list-params';
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
    ...list.paging,
    ordering: list.ordering ?? 'full_name',
    role: isRole(role) ? role : undefined,
    department: numberParam(list.get('department')),
    is_active: booleanParam(list.get('active')),
  };
  const users = useUsers(query);
  const columns: Column<UserAdmin>[] = [
    { key: 'name', header: 'Name', sortKey: 'full_name', cell: (u) => <RecordLink to={userHref(u)}>{u.full_name || u.email}</RecordLink> },
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
    <ListPage
      caption="Users"
      list={list}
      ordering={query.ordering}
      query={users}
      columns={columns}
      noun="users"
      emptyMessage="No users match these filters."
      filtersLabel="User filters"
      filters={
        <>
          <ListSearch list={list} placeholder="Name or email" />
          <ChoiceFilter list={list} name="role" label="Role" anyLabel="Any role" choices={ROLES.map((r) => [r, ROLE_LABELS[r]] as const)} />
          <ChoiceFilter
            list={list}
            name="department"
            label="Department"
            anyLabel="Any department"
            choices={namedChoices(departments.data)}
          />
          <LabelledSelect label="Status" value={list.get('active')} onChange={(active) => list.set({ active: active || 'all' })}>
            <option value="true">Active</option>
            <option value="false">Inactive</option>
            <option value="all">All</option>
          </LabelledSelect>
        </>
      }
      pagesLabel="User pages"
    />
  );
}
