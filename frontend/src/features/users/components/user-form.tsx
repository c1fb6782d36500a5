import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { ROLE_LABELS, ROLES } from '@/config/roles';
import { applyApiErrors } from '@/lib/form-errors';

import { useDepartments } from '../api/get-departments';
import { useUsers, type UserAdmin } from '../api/get-users';
import { USER_FIELDS, userInputSchema, userToInput, useSaveUser, type UserInput } from '../api/save-user';

const MANAGER_QUERY = { page_size: 200, is_active: true, ordering: 'full_name' } as const;

export function UserForm({ user, onSaved, onCancel }: { user?: UserAdmin; onSaved: (user: UserAdmin) => void; onCancel: () => void }) {
  const save = useSaveUser(user?.id);
  const departments = useDepartments();
  const managers = useUsers(MANAGER_QUERY);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<UserInput>({ resolver: zodResolver(userInputSchema), defaultValues: userToInput(user) });

  const submit = handleSubmit(async (values) => {
    try {
      onSaved(await save.mutateAsync(values));
    } catch (error) {
      applyApiErrors(error, setError, USER_FIELDS);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={user ? 'Edit user' : 'New user'} className="max-w-3xl space-y-5">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Email" error={errors.email?.message} required>
          {(c) => <Input {...c} type="email" autoComplete="off" {...register('email')} />}
        </Field>
        <Field label="Full name" error={errors.full_name?.message} required>
          {(c) => <Input {...c} {...register('full_name')} />}
        </Field>
        <Field label="Phone" error={errors.phone?.message} hint="International format, e.g. +15125550100.">
          {(c) => <Input {...c} type="tel" {...register('phone')} />}
        </Field>
        <Field label="Department" error={errors.department?.message}>
          {(c) => (
            <Select {...c} {...register('department')}>
              <option value="">None</option>
              {(departments.data ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Manager" error={errors.manager?.message}>
          {(c) => (
            <Select {...c} {...register('manager')}>
              <option value="">None</option>
              {(managers.data?.results ?? [])
                .filter((m) => m.id !== user?.id)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.full_name} ({m.email})
                  </option>
                ))}
            </Select>
          )}
        </Field>
        <Field label="Spending limit" error={errors.spending_limit?.message} hint="The largest amount this person may approve.">
          {(c) => <Input {...c} inputMode="decimal" {...register('spending_limit')} />}
        </Field>
        {user ? null : (
          <Field label="Initial password" error={errors.password?.message} hint="Optional; without one the person cannot sign in until a password is set.">
            {(c) => <Input {...c} type="password" autoComplete="new-password" {...register('password')} />}
          </Field>
        )}
      </div>
      <fieldset aria-describedby={errors.roles ? 'roles-error' : undefined}>
        <legend className="mb-2 text-sm font-medium">Roles</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {ROLES.map((role) => (
            <Checkbox key={role} label={ROLE_LABELS[role]} value={role} {...register('roles')} />
          ))}
        </div>
        {errors.roles?.message ? (
          <p id="roles-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {errors.roles.message}
          </p>
        ) : null}
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={isSubmitting}>
          {user ? 'Save changes' : 'Create user'}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
