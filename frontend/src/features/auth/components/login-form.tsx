import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { isApiError, type ApiError } from '@/lib/api-error';

import { loginInputSchema, useLogin, type LoginInput } from '../api/login';
import type { User } from '../api/get-me';

const FORM_FIELDS = ['email', 'password'] as const satisfies readonly (keyof LoginInput)[];

export const WRONG_CREDENTIALS_MESSAGE = 'The email or password is not correct.';
export const GENERIC_FAILURE_MESSAGE = 'Signing in failed. Please try again.';

export function throttledMessage(retryAfterSeconds: number | null): string {
  if (retryAfterSeconds === null) return 'Too many attempts, try again in a few minutes.';
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

function formMessageFor(error: ApiError): string {
  if (error.status === 429) return throttledMessage(error.retryAfterSeconds);
  if (error.status === 401) return error.detail || WRONG_CREDENTIALS_MESSAGE;
  if (error.nonFieldErrors.length > 0) return error.nonFieldErrors.join(' ');
  if (error.status === 0 || error.status >= 500) return error.title;
  return error.detail || GENERIC_FAILURE_MESSAGE;
}

interface LoginFormProps {
  onSuccess: (user: User) => void;
}

export function LoginForm({ onSuccess }: LoginFormProps) {
  const login = useLogin();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<LoginInput>({
    resolver: zodResolver(loginInputSchema),
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      const user = await login.mutateAsync(values);
      onSuccess(user);
    } catch (error) {
      if (!isApiError(error)) {
        setError('root.server', { message: GENERIC_FAILURE_MESSAGE });
        return;
      }
      let placed = false;
      for (const field of FORM_FIELDS) {
        const messages = error.fieldErrors[field];
        if (messages?.length) {
          setError(field, { type: 'server', message: messages.join(' ') }, { shouldFocus: !placed });
          placed = true;
        }
      }
      const otherMessages = [
        ...error.nonFieldErrors,
        ...Object.entries(error.fieldErrors)
          .filter(([field]) => !(FORM_FIELDS as readonly string[]).includes(field))
          .flatMap(([, messages]) => messages),
      ];
      if (!placed) {
        setError('root.server', { message: formMessageFor(error) });
      } else if (otherMessages.length > 0) {
        setError('root.server', { message: otherMessages.join(' ') });
      }
    }
  });

  const formError = errors.root?.server?.message;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Sign in">
      {formError ? (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {formError}
        </div>
      ) : null}
      <Field label="Email" error={errors.email?.message} required>
        {(control) => (
          <Input {...control} type="email" autoComplete="username" inputMode="email" {...register('email')} />
        )}
      </Field>
      <Field label="Password" error={errors.password?.message} required>
        {(control) => (
          <Input {...control} type="password" autoComplete="current-password" {...register('password')} />
        )}
      </Field>
      <Button type="submit" className="w-full" busy={login.isPending}>
        Sign in
      </Button>
    </form>
  );
}
