import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Textarea } from '@/components/ui/textarea';
import { applyApiErrors } from '@/lib/form-errors';

import { COMMENT_REQUIRED, type RequestAction } from '../api/decide-purchase-request';

export const decisionSchema = (action: RequestAction) =>
  z.object({
    comment: COMMENT_REQUIRED.has(action)
      ? z.string().trim().min(1, action === 'reject' ? 'Say why the request is rejected.' : 'Say what the requester should change.')
      : z.string(),
  });

type DecisionInput = { comment: string };

const CONFIRM_LABEL: Record<RequestAction, string> = {
  submit: 'Submit',
  approve: 'Approve',
  reject: 'Reject request',
  return: 'Return for changes',
  cancel: 'Cancel request',
};

interface DecisionFormProps {
  action: RequestAction;
  onDecide: (comment: string) => Promise<unknown>;
  onClose: () => void;
}

/** The comment that goes with a decision; required for reject and return. */
export function DecisionForm({ action, onDecide, onClose }: DecisionFormProps) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<DecisionInput>({ resolver: zodResolver(decisionSchema(action)), defaultValues: { comment: '' } });
  const submit = handleSubmit(async ({ comment }) => {
    try {
      await onDecide(comment);
    } catch (error) {
      applyApiErrors(error, setError, ['comment']);
    }
  });
  const required = COMMENT_REQUIRED.has(action);
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={CONFIRM_LABEL[action]}>
      <FormError message={errors.root?.server?.message} />
      <Field label={required ? 'Comment' : 'Comment (optional)'} error={errors.comment?.message} required={required}>
        {(c) => <Textarea {...c} autoFocus {...register('comment')} />}
      </Field>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
          Back
        </Button>
        <Button type="submit" variant={action === 'reject' || action === 'cancel' ? 'danger' : 'primary'} busy={isSubmitting}>
          {CONFIRM_LABEL[action]}
        </Button>
      </div>
    </form>
  );
}
