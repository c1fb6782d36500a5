import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';
import { applyApiErrors } from '@/lib/form-errors';

import {
  mailboxInputSchema,
  useDeleteMailbox,
  useMailboxes,
  usePollMailbox,
  useSaveMailbox,
  type Mailbox,
  type MailboxInput,
} from '../api/mailin';

const FIELDS = ['name', 'host', 'port', 'security', 'username', 'password', 'folder', 'is_active'] as const;
const PORTS = { ssl: 993, starttls: 143, none: 143 } as const;
const EMPTY: MailboxInput = {
  name: '',
  host: '',
  port: 993,
  security: 'ssl',
  username: '',
  password: '',
  folder: 'INBOX',
  is_active: true,
};

function MailboxForm({ mailbox, onDone }: { mailbox?: Mailbox | undefined; onDone: () => void }) {
  const save = useSaveMailbox();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<MailboxInput>({
    resolver: zodResolver(mailboxInputSchema),
    defaultValues: mailbox
      ? {
          name: mailbox.name,
          host: mailbox.host,
          port: mailbox.port,
          security: mailbox.security,
          username: mailbox.username,
          password: '',
          folder: mailbox.folder,
          is_active: mailbox.is_active,
        }
      : EMPTY,
  });
  const submit = handleSubmit(async (values) => {
    if (!mailbox && !values.password) {
      setError('password', { message: 'Enter the mailbox password.' });
      return;
    }
    try {
      await save.mutateAsync({ id: mailbox?.id, input: values });
      toast.success(mailbox ? 'Mailbox saved.' : 'Mailbox added.');
      onDone();
    } catch (error) {
      applyApiErrors(error, setError, FIELDS);
    }
  });
  const security = register('security');
  return (
    <form onSubmit={(event) => void submit(event)} className="grid gap-3 sm:grid-cols-2" aria-label={mailbox ? `Edit ${mailbox.name}` : 'New mailbox'} noValidate>
      <Field label="Name" error={errors.name?.message} required>
        {(control) => <Input {...control} {...register('name')} placeholder="Accounts payable" />}
      </Field>
      <Field label="IMAP server" error={errors.host?.message} required>
        {(control) => <Input {...control} {...register('host')} placeholder="imap.example.com" />}
      </Field>
      <Field label="Security" error={errors.security?.message} required>
        {(control) => (
          <Select
            {...control}
            {...security}
            onChange={(event) => {
              void security.onChange(event);
              const chosen = event.target.value as keyof typeof PORTS;
              setValue('port', PORTS[chosen]);
            }}
          >
            <option value="ssl">SSL/TLS (IMAPS)</option>
            <option value="starttls">STARTTLS</option>
            <option value="none">None (trusted local network only)</option>
          </Select>
        )}
      </Field>
      <Field label="Port" error={errors.port?.message} required>
        {(control) => <Input {...control} {...register('port', { valueAsNumber: true })} inputMode="numeric" />}
      </Field>
      <Field label="Account" error={errors.username?.message} required>
        {(control) => <Input {...control} {...register('username')} autoComplete="off" />}
      </Field>
      <Field
        label="Password"
        error={errors.password?.message}
        required={!mailbox}
        hint={mailbox ? 'Leave blank to keep the stored password.' : 'Stored encrypted; never shown again.'}
      >
        {(control) => <Input {...control} {...register('password')} type="password" autoComplete="new-password" />}
      </Field>
      <Field label="Folder" error={errors.folder?.message} required>
        {(control) => <Input {...control} {...register('folder')} />}
      </Field>
      <div className="flex items-end">
        <Checkbox label="Read this mailbox on the schedule" {...register('is_active')} />
      </div>
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" busy={isSubmitting}>
          {mailbox ? 'Save mailbox' : 'Add mailbox'}
        </Button>
        {mailbox ? (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function MailboxActions({ mailbox, onEdit }: { mailbox: Mailbox; onEdit: () => void }) {
  const poll = usePollMailbox();
  const remove = useDeleteMailbox();
  const checkNow = async () => {
    try {
      await poll.mutateAsync(mailbox.id);
      toast.success('Checking the mailbox; new invoices appear below.');
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  const destroy = async () => {
    if (!globalThis.confirm(`Remove the mailbox ${mailbox.name}? Imported documents stay.`)) return;
    try {
      await remove.mutateAsync(mailbox.id);
      toast.success('Mailbox removed.');
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };
  return (
    <div className="flex flex-wrap gap-1">
      <Button size="sm" variant="secondary" busy={poll.isPending} onClick={() => void checkNow()}>
        Check now
      </Button>
      <Button size="sm" variant="ghost" onClick={onEdit}>
        Edit
      </Button>
      <Button size="sm" variant="danger" onClick={() => void destroy()}>
        Remove
      </Button>
    </div>
  );
}

/** The mailboxes suppliers send invoices to: administrators only. */
export function MailboxesAdmin() {
  const mailboxes = useMailboxes();
  const [editing, setEditing] = useState<Mailbox | null>(null);
  return (
    <div className="space-y-4">
      <Table
        caption="Mailboxes"
        columns={[
          { key: 'name', header: 'Mailbox', cell: (m: Mailbox) => m.name },
          { key: 'account', header: 'Account', cell: (m: Mailbox) => `${m.username} @ ${m.host}:${m.port} (${m.folder})` },
          {
            key: 'state',
            header: 'State',
            cell: (m: Mailbox) =>
              m.last_error ? (
                <span title={m.last_error}>
                  <Badge tone="danger">error</Badge> <span className="text-sm">{m.last_error}</span>
                </span>
              ) : m.is_active ? (
                <Badge tone="success">active</Badge>
              ) : (
                <Badge>paused</Badge>
              ),
          },
          { key: 'polled', header: 'Last checked', cell: (m: Mailbox) => (m.last_polled_at ? formatDateTime(m.last_polled_at) : 'never') },
          { key: 'actions', header: '', cell: (m: Mailbox) => <MailboxActions mailbox={m} onEdit={() => setEditing(m)} /> },
        ]}
        rows={mailboxes.data}
        rowKey={(m) => m.id}
        isLoading={mailboxes.isPending}
        error={mailboxes.isError ? `Could not load mailboxes. ${errorMessage(mailboxes.error)}` : null}
        onRetry={() => void mailboxes.refetch()}
        emptyMessage="No mailbox yet: add the one suppliers send invoices to."
      />
      {editing ? (
        <MailboxForm key={editing.id} mailbox={editing} onDone={() => setEditing(null)} />
      ) : (
        <MailboxForm onDone={() => undefined} />
      )}
    </div>
  );
}
