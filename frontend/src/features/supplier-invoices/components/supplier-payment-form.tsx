import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { applyApiErrors } from '@/lib/form-errors';

import {
  PAYMENT_FIELDS,
  PAYMENT_METHODS,
  supplierPaymentSchema,
  useRecordSupplierPayment,
  type PaymentMethod,
  type SupplierPayment,
  type SupplierPaymentInput,
} from '../api/record-supplier-payment';

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function SupplierPaymentForm({ invoice, balance, onRecorded }: { invoice: number; balance: string; onRecorded: (payment: SupplierPayment) => void }) {
  const record = useRecordSupplierPayment(invoice);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SupplierPaymentInput>({ resolver: zodResolver(supplierPaymentSchema), defaultValues: { amount: balance, paid_on: today(), method: 'ach', reference: '' } });
  const submit = handleSubmit(async (values) => {
    try {
      onRecorded(await record.mutateAsync(values));
    } catch (error) {
      applyApiErrors(error, setError, PAYMENT_FIELDS);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Record payment" className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Amount" error={errors.amount?.message} required hint={`Open balance ${balance}.`}>
          {(c) => <Input {...c} inputMode="decimal" {...register('amount')} />}
        </Field>
        <Field label="Paid on" error={errors.paid_on?.message} required>
          {(c) => <Input {...c} type="date" {...register('paid_on')} />}
        </Field>
        <Field label="Method" error={errors.method?.message} required>
          {(c) => (
            <Select {...c} {...register('method')}>
              {(Object.keys(PAYMENT_METHODS) as PaymentMethod[]).map((m) => (
                <option key={m} value={m}>
                  {PAYMENT_METHODS[m]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Reference" error={errors.reference?.message}>
          {(c) => <Input {...c} {...register('reference')} />}
        </Field>
      </div>
      <Button type="submit" busy={isSubmitting}>
        Record payment
      </Button>
    </form>
  );
}
