import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { applyApiErrors } from '@/lib/form-errors';

import type { CustomerPayment } from '../api/get-customer-payments';
import {
  CUSTOMER_PAYMENT_FIELDS,
  PAYMENT_METHODS,
  customerPaymentSchema,
  useCustomerOptions,
  useRecordCustomerPayment,
  type CustomerPaymentInput,
  type PaymentMethod,
} from '../api/record-customer-payment';

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The invoice being paid, when the form is opened from it: its customer and balance come filled in. */
export interface InvoiceToPay {
  id: number;
  number: string;
  customer: number;
  balance: string;
}

export function CustomerPaymentForm({ onRecorded, onCancel, invoice }: { onRecorded: (payment: CustomerPayment) => void; onCancel: () => void; invoice?: InvoiceToPay }) {
  const record = useRecordCustomerPayment();
  const customers = useCustomerOptions();
  const [key] = useState(() => globalThis.crypto?.randomUUID?.() ?? String(Date.now()));
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CustomerPaymentInput>({ resolver: zodResolver(customerPaymentSchema), defaultValues: { customer: invoice ? String(invoice.customer) : '', amount: invoice?.balance ?? '', received_on: today(), method: 'ach', reference: '' } });
  const submit = handleSubmit(async (values) => {
    try {
      onRecorded(await record.mutateAsync({ input: values, key, invoice }));
    } catch (error) {
      applyApiErrors(error, setError, CUSTOMER_PAYMENT_FIELDS);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Record customer payment" className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Customer" error={errors.customer?.message} required>
          {(c) => (
            <Select {...c} {...register('customer')}>
              <option value="">Choose a customer…</option>
              {(customers.data ?? []).map((customer) => (
                <option key={customer.id} value={String(customer.id)}>
                  {customer.name} ({customer.code})
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Amount" error={errors.amount?.message} required>
          {(c) => <Input {...c} inputMode="decimal" {...register('amount')} />}
        </Field>
        <Field label="Received on" error={errors.received_on?.message} required>
          {(c) => <Input {...c} type="date" {...register('received_on')} />}
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
        <Field label="Reference" error={errors.reference?.message} hint="Check or wire number.">
          {(c) => <Input {...c} {...register('reference')} />}
        </Field>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {invoice
          ? `The payment pays invoice ${invoice.number}; anything above its balance stays as the customer's credit.`
          : "The payment pays the oldest open invoices first; anything left stays as the customer's credit."}
      </p>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Back
        </Button>
        <Button type="submit" busy={isSubmitting}>
          Record payment
        </Button>
      </div>
    </form>
  );
}
