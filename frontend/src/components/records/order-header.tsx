import type { ChangeEvent, ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { z } from 'zod';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';

/*
 * The header of an order-like document (purchase order, sales order, quote; new or changed):
 * who it is with, where it ships, when, the other side's reference and the notes, then the
 * save and cancel buttons. One set of fields and one schema serve every such form.
 */

/** The header fields every sales document shares (the other side's reference and notes). */
export const orderHeaderShape = {
  customer_reference: z.string().trim().max(64, 'Keep the reference under 64 characters.'),
  notes: z.string(),
};

export interface Choice {
  value: string;
  label: string;
}

/** Stock locations as a select lists them ("CS1 — Cold store 1"). */
export function locationChoices(locations: readonly { id: number; code: string; name: string }[] | undefined): Choice[] {
  return (locations ?? []).map((location) => ({ value: String(location.id), label: `${location.code} — ${location.name}` }));
}

/** Suppliers or customers as a select lists them ("Prairie Packers (PP01)"). */
export function partyChoices(parties: readonly { id: number; code: string; name: string }[] | undefined): Choice[] {
  return (parties ?? []).map((party) => ({ value: String(party.id), label: `${party.name} (${party.code})` }));
}

/** The header's fields, two to a row on a wide screen. */
export function OrderHeader({ children, className = 'grid gap-4 sm:grid-cols-2' }: { children: ReactNode; className?: string }) {
  return <div className={className}>{children}</div>;
}

interface RegisteredField {
  label: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  registration: UseFormRegisterReturn;
}

/** A choice among records (supplier, customer, location); `placeholder` is the empty choice. */
export function ChoiceField({ choices, placeholder, onChange, ...field }: RegisteredField & { choices: readonly Choice[]; placeholder: string; onChange?: (event: ChangeEvent<HTMLSelectElement>) => void }) {
  return (
    <Field label={field.label} error={field.error} hint={field.hint} required={field.required}>
      {(c) => (
        <Select {...c} {...field.registration} {...(onChange ? { onChange } : {})}>
          <option value="">{placeholder}</option>
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

/** Where the goods go or ship from: a required choice among the stock locations. */
export function LocationField({ locations, ...field }: Omit<RegisteredField, 'required'> & { locations: { data?: readonly { id: number; code: string; name: string }[] | undefined; isPending: boolean } }) {
  return <ChoiceField {...field} required choices={locationChoices(locations.data)} placeholder={locations.isPending ? 'Loading locations…' : 'Choose a location…'} />;
}

/** A date of the document (expected or requested delivery, valid until). */
export function DateField({ registration, ...field }: RegisteredField) {
  return <Field {...field}>{(c) => <Input {...c} type="date" {...registration} />}</Field>;
}

/** A free text field of the header (the other side's reference, a reason). */
export function TextField({ registration, ...field }: RegisteredField) {
  return <Field {...field}>{(c) => <Input {...c} {...registration} />}</Field>;
}

/** The customer's reference: their purchase order number, worded for whoever fills it in. */
export function ReferenceField({ forCustomer = false, hint, ...field }: Omit<RegisteredField, 'label'> & { forCustomer?: boolean }) {
  return (
    <TextField
      label={forCustomer ? 'Your reference' : 'Customer reference'}
      hint={hint ?? (forCustomer ? 'Your purchase order number, if you use one.' : 'Their PO number, if any.')}
      {...field}
    />
  );
}

/** The notes under the lines. */
export function NotesField({ label = 'Notes', registration, ...field }: Omit<RegisteredField, 'label'> & { label?: string }) {
  return <Field label={label} {...field}>{(c) => <Textarea {...c} rows={2} {...registration} />}</Field>;
}

/** Save and cancel, under the form. */
export function FormActions({ submitLabel, busy, onCancel, className = 'flex flex-wrap gap-2' }: { submitLabel: string; busy: boolean; onCancel: () => void; className?: string }) {
  return (
    <div className={className}>
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
      <Button variant="secondary" onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
    </div>
  );
}
