import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { applyApiErrors } from '@/lib/form-errors';

import { CONTACT_FIELDS, contactInputSchema, useCreateContact, type ContactInput, type ContactParty } from '../api/create-contact';

export function ContactForm({ party, onDone, onCancel }: { party: ContactParty; onDone: () => void; onCancel: () => void }) {
  const create = useCreateContact();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ContactInput>({
    resolver: zodResolver(contactInputSchema),
    defaultValues: { name: '', title: '', email: '', phone: '', is_primary: false },
  });
  const submit = handleSubmit(async (values) => {
    try {
      await create.mutateAsync({ party, input: values });
      onDone();
    } catch (error) {
      applyApiErrors(error, setError, CONTACT_FIELDS);
    }
  });
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <Field label="Name" error={errors.name?.message} required>
        {(c) => <Input {...c} autoFocus {...register('name')} />}
      </Field>
      <Field label="Title" error={errors.title?.message}>
        {(c) => <Input {...c} {...register('title')} />}
      </Field>
      <Field label="Email" error={errors.email?.message}>
        {(c) => <Input {...c} type="email" {...register('email')} />}
      </Field>
      <Field label="Phone" error={errors.phone?.message} hint="International format, e.g. +15125550100.">
        {(c) => <Input {...c} type="tel" {...register('phone')} />}
      </Field>
      <Checkbox label="Primary contact" {...register('is_primary')} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Cancel
        </Button>
        <Button type="submit" busy={isSubmitting}>
          Add contact
        </Button>
      </div>
    </form>
  );
}
