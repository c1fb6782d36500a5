import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { applyApiErrors } from '@/lib/form-errors';

import { useCarrierOptions } from '../api/get-carriers';
import { SHIP_FIELDS, shipSchema, useShipOrder, type ShipInput, type Shipment } from '../api/ship-order';

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Ship what is reserved, with the carrier and its tracking number. */
export function ShipForm({ order, onShipped, onCancel }: { order: number; onShipped: (shipment: Shipment) => void; onCancel: () => void }) {
  const ship = useShipOrder(order);
  const carriers = useCarrierOptions();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ShipInput>({ resolver: zodResolver(shipSchema), defaultValues: { carrier: '', tracking_number: '', ship_date: today(), notes: '' } });
  const submit = handleSubmit(async (values) => {
    try {
      onShipped(await ship.mutateAsync(values));
    } catch (error) {
      applyApiErrors(error, setError, SHIP_FIELDS);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Ship order" className="space-y-4">
      <FormError message={errors.root?.server?.message} />
      <p className="text-sm text-slate-600 dark:text-slate-400">Everything still reserved on the order ships now; stock leaves the location.</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Carrier" error={errors.carrier?.message}>
          {(c) => (
            <Select {...c} {...register('carrier')}>
              <option value="">{carriers.isPending ? 'Loading carriers…' : 'Customer pickup / no carrier'}</option>
              {(carriers.data ?? []).map((carrier) => (
                <option key={carrier.id} value={String(carrier.id)}>
                  {carrier.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Tracking number" error={errors.tracking_number?.message}>
          {(c) => <Input {...c} {...register('tracking_number')} />}
        </Field>
        <Field label="Ship date" error={errors.ship_date?.message}>
          {(c) => <Input {...c} type="date" {...register('ship_date')} />}
        </Field>
      </div>
      <Field label="Notes" error={errors.notes?.message}>
        {(c) => <Textarea {...c} rows={2} {...register('notes')} />}
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
          Back
        </Button>
        <Button type="submit" busy={isSubmitting}>
          Ship
        </Button>
      </div>
    </form>
  );
}
