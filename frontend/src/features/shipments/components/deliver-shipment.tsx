import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Modal } from '@/components/ui/modal';
import { toast } from '@/components/ui/toast';
import { placeApiErrors } from '@/lib/form-errors';

import { useDeliverShipment } from '../api/deliver-shipment';

function today(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** "Mark delivered" for one shipment: the date the customer received it (today by default). */
export function DeliverShipmentButton({ shipment }: { shipment: { id: number; number: string; order: number; ship_date: string } }) {
  const deliver = useDeliverShipment(shipment.id, shipment.order);
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(today);
  const [error, setError] = useState<string | undefined>();
  const [formMessage, setFormMessage] = useState<string | undefined>();
  const submit = async () => {
    setError(undefined);
    setFormMessage(undefined);
    if (date && date < shipment.ship_date) {
      setError('A shipment is delivered on or after the day it shipped.');
      return;
    }
    try {
      const saved = await deliver.mutateAsync(date || null);
      setOpen(false);
      toast.success(`${saved.number} delivered.`);
    } catch (failure) {
      const placed = placeApiErrors(failure, ['delivered_date']);
      setError(placed.fieldErrors.find(([path]) => path === 'delivered_date')?.[1]);
      setFormMessage(placed.formMessage ?? undefined);
    }
  };
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
        Mark delivered<span className="sr-only"> ({shipment.number})</span>
      </Button>
      <Modal open={open} title={`Delivery of ${shipment.number}`} onClose={() => setOpen(false)} busy={deliver.isPending}>
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <FormError message={formMessage} />
          <Field label="Delivered on" error={error} required>
            {(control) => <Input {...control} type="date" value={date} max={today()} onChange={(event) => setDate(event.target.value)} />}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Back
            </Button>
            <Button type="submit" busy={deliver.isPending}>
              Record delivery
            </Button>
          </div>
        </form>
      </Modal>
    </>
  );
}
