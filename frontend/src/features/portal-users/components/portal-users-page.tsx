import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Pagination } from '@/components/ui/pagination';
import { Select } from '@/components/ui/select';
import { Table, type Column } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { placeApiErrors } from '@/lib/form-errors';
import { formatDate } from '@/lib/format';

import { useLinkPortalUser, usePortalCandidates, usePortalUsers, type PortalUser } from '../api/portal-users';

interface CustomerOption {
  id: number;
  name: string;
  code: string;
}

function LinkForm({ customers }: { customers: readonly CustomerOption[] }) {
  const candidates = usePortalCandidates(true);
  const link = useLinkPortalUser();
  const [user, setUser] = useState('');
  const [customer, setCustomer] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formMessage, setFormMessage] = useState<string | undefined>();
  const submit = async () => {
    const local: Record<string, string> = {};
    if (!user) local.user = 'Choose the portal sign-in.';
    if (!customer) local.customer = 'Choose the customer they order for.';
    setErrors(local);
    setFormMessage(undefined);
    if (Object.keys(local).length > 0) return;
    try {
      const saved = await link.mutateAsync({ user: Number(user), customer: Number(customer) });
      toast.success(`${saved.user_email} now orders for ${saved.customer_name}.`);
      setUser('');
      setCustomer('');
    } catch (error) {
      const placed = placeApiErrors(error, ['user', 'customer']);
      setErrors(Object.fromEntries(placed.fieldErrors));
      setFormMessage(placed.formMessage ?? undefined);
    }
  };
  return (
    <form
      aria-label="Link a portal user"
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="sm:col-span-2">
        <FormError message={formMessage} />
      </div>
      <Field label="Portal sign-in" required error={errors.user} hint="Users with the customer role; an existing link of theirs is replaced.">
        {(control) => (
          <Select {...control} value={user} onChange={(event) => setUser(event.target.value)}>
            <option value="">{candidates.isPending ? 'Loading…' : 'Choose a user…'}</option>
            {candidates.data?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.full_name ? `${u.full_name} (${u.email})` : u.email}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Customer" required error={errors.customer}>
        {(control) => (
          <Select {...control} value={customer} onChange={(event) => setCustomer(event.target.value)}>
            <option value="">Choose a customer…</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="sm:col-span-2">
        <Button type="submit" busy={link.isPending}>
          Link
        </Button>
      </div>
    </form>
  );
}

/** Which portal sign-in orders for which customer: sales reads, administrators link. */
export function PortalUsersPage({ canLink, customers }: { canLink: boolean; customers: readonly CustomerOption[] }) {
  const [page, setPage] = useState(1);
  const list = usePortalUsers(page);
  const columns: Column<PortalUser>[] = [
    { key: 'customer', header: 'Customer', cell: (p) => <span className="font-medium">{p.customer_name}</span> },
    { key: 'user', header: 'Portal user', cell: (p) => (p.user_name ? `${p.user_name} · ${p.user_email}` : p.user_email) },
    { key: 'status', header: 'Sign-in', cell: (p) => (p.user_is_active ? <Badge tone="success">Active</Badge> : <Badge>Deactivated</Badge>) },
    { key: 'since', header: 'Linked', cell: (p) => formatDate(p.created_at) },
  ];
  return (
    <div className="space-y-6">
      {canLink ? (
        <Card title="Link a portal user to a customer">
          <LinkForm customers={customers} />
        </Card>
      ) : null}
      <Table
        caption="Portal users"
        columns={columns}
        rows={list.data?.results}
        rowKey={(p) => p.id}
        isLoading={list.isPending}
        error={list.isError ? `Could not load portal users. ${errorMessage(list.error)}` : null}
        onRetry={() => void list.refetch()}
        emptyMessage="No customer has a portal sign-in yet."
      />
      <Pagination page={page} pageSize={20} count={list.data?.count} onPageChange={setPage} label="Portal user pages" />
    </div>
  );
}
