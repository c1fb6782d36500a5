import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { Select } from '@/components/ui/select';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';

import { useDepartments, type Department } from '../api/get-departments';
import { useUsers } from '../api/get-users';
import { DEPARTMENT_FIELDS, departmentInputSchema, departmentToInput, useSaveDepartment, type DepartmentInput } from '../api/save-department';

const HEAD_QUERY = { page_size: 200, is_active: true, ordering: 'full_name' } as const;

function DepartmentForm({ department, onDone, onCancel }: { department?: Department; onDone: () => void; onCancel: () => void }) {
  const save = useSaveDepartment(department?.id);
  const users = useUsers(HEAD_QUERY);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<DepartmentInput>({ resolver: zodResolver(departmentInputSchema), defaultValues: departmentToInput(department) });
  const submit = handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      onDone();
    } catch (error) {
      applyApiErrors(error, setError, DEPARTMENT_FIELDS);
    }
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field label="Code" error={errors.code?.message} required>
        {(c) => <Input {...c} {...register('code')} />}
      </Field>
      <Field label="Name" error={errors.name?.message} required>
        {(c) => <Input {...c} {...register('name')} />}
      </Field>
      <Field label="Head" error={errors.head?.message}>
        {(c) => (
          <Select {...c} {...register('head')}>
            <option value="">None</option>
            {(users.data?.results ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.full_name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Checkbox label="Active" {...register('is_active')} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" busy={isSubmitting}>
          {department ? 'Save changes' : 'Create department'}
        </Button>
      </div>
    </form>
  );
}

export function Departments() {
  const departments = useDepartments();
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  return (
    <div>
      <div className="mb-3 flex justify-end">
        <Button size="sm" onClick={() => setEditing('new')}>
          New department
        </Button>
      </div>
      <Table
        caption="Departments"
        columns={[
          { key: 'code', header: 'Code', cell: (d: Department) => <span className="font-medium">{d.code}</span> },
          { key: 'name', header: 'Name', cell: (d: Department) => d.name },
          { key: 'head', header: 'Head', cell: (d: Department) => d.head?.full_name ?? '—' },
          { key: 'status', header: 'Status', cell: (d: Department) => (d.is_active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
          {
            key: 'actions',
            header: <span className="sr-only">Actions</span>,
            cell: (d: Department) => (
              <Button size="sm" variant="ghost" onClick={() => setEditing(d)} aria-label={`Edit ${d.name}`}>
                Edit
              </Button>
            ),
          },
        ]}
        rows={departments.data}
        rowKey={(d) => d.id}
        isLoading={departments.isPending}
        error={departments.isError ? `Could not load departments. ${errorMessage(departments.error)}` : null}
        onRetry={() => void departments.refetch()}
        emptyMessage="No departments yet."
      />
      <Modal open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'New department' : `Edit ${editing?.name ?? ''}`}>
        {editing ? (
          <DepartmentForm
            department={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onDone={() => {
              toast.success('Department saved.');
              setEditing(null);
            }}
          />
        ) : null}
      </Modal>
    </div>
  );
}
