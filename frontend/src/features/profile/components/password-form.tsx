import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { applyApiErrors } from '@/lib/form-errors';

import { PASSWORD_FIELDS, passwordInputSchema, useChangePassword, type PasswordInput } from '../api/change-password';

export function PasswordForm() {
  const change = useChangePassword();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PasswordInput>({
    resolver: zodResolver(passwordInputSchema),
    defaultValues: { current_password: '', new_password: '', confirm_password: '' },
  });
  const submit = handleSubmit(async (values) => {
    try {
      await change.mutateAsync(values);
      reset();
      toast.success('Your password is changed.');
    } catch (error) {
      applyApiErrors(error, setError, PASSWORD_FIELDS);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Change password" className="max-w-md space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field label="Current password" error={errors.current_password?.message} required>
        {(c) => <Input {...c} type="password" autoComplete="current-password" {...register('current_password')} />}
      </Field>
      <Field label="New password" error={errors.new_password?.message} required hint="At least 10 characters.">
        {(c) => <Input {...c} type="password" autoComplete="new-password" {...register('new_password')} />}
      </Field>
      <Field label="Repeat the new password" error={errors.confirm_password?.message} required>
        {(c) => <Input {...c} type="password" autoComplete="new-password" {...register('confirm_password')} />}
      </Field>
      <Button type="submit" busy={isSubmitting}>
        Change password
      </Button>
    </form>
  );
}
