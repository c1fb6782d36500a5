import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { applyApiErrors } from '@/lib/form-errors';

import { categoryNameSchema, type CategoryNameInput } from '../api/create-category';

interface CategoryNameFormProps {
  initialName?: string;
  submitLabel: string;
  onSubmit: (name: string) => Promise<unknown>;
  onCancel: () => void;
}

/** Name a new category or rename one; the API's errors land next to the name. */
export function CategoryNameForm({ initialName = '', submitLabel, onSubmit, onCancel }: CategoryNameFormProps) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CategoryNameInput>({ resolver: zodResolver(categoryNameSchema), defaultValues: { name: initialName } });

  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit(values.name);
    } catch (error) {
      applyApiErrors(error, setError, ['name']);
    }
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field label="Name" error={errors.name?.message} required>
        {(control) => <Input {...control} autoFocus {...register('name')} />}
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" busy={isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
