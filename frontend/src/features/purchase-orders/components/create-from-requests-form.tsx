import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-error';
import { applyApiErrors } from '@/lib/form-errors';
import { formatDate, formatMoney } from '@/lib/format';

import {
  CREATE_FROM_REQUESTS_FIELDS,
  createFromRequestsSchema,
  useCreateFromRequests,
  type CreateFromRequestsInput,
} from '../api/create-from-requests';
import { useApprovedRequests } from '../api/get-approved-requests';
import { useLocations } from '../api/get-locations';
import type { PurchaseOrderDetail } from '../api/get-purchase-order';

/** Pick approved requests and a ship-to location; the server makes one draft order per supplier. */
export function CreateFromRequestsForm({ preselected, onCreated }: { preselected?: string[]; onCreated: (orders: PurchaseOrderDetail[]) => void }) {
  const approved = useApprovedRequests();
  const locations = useLocations();
  const create = useCreateFromRequests();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CreateFromRequestsInput>({
    resolver: zodResolver(createFromRequestsSchema),
    defaultValues: { requests: preselected ?? [], ship_to: '', expected_date: '' },
  });
  const submit = handleSubmit(async (values) => {
    try {
      onCreated(await create.mutateAsync(values));
    } catch (error) {
      applyApiErrors(error, setError, CREATE_FROM_REQUESTS_FIELDS);
    }
  });

  let requestList;
  if (approved.isPending) requestList = <Spinner label="Loading approved requests…" />;
  else if (approved.isError)
    requestList = (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        Could not load approved requests. {errorMessage(approved.error)}
      </p>
    );
  else if (approved.data.length === 0) requestList = <p className="text-sm text-slate-600 dark:text-slate-400">No approved requests are waiting to be ordered.</p>;
  else
    requestList = (
      <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {approved.data.map((r) => (
          <li key={r.id} className="flex items-start gap-3 px-3 py-2">
            <input id={`request-${r.id}`} type="checkbox" value={String(r.id)} className="mt-1 size-4 accent-brand-700" {...register('requests')} />
            <label htmlFor={`request-${r.id}`} className="flex flex-1 flex-wrap justify-between gap-2 text-sm">
              <span>
                <span className="font-medium">{r.number}</span> — {r.title}
                <span className="block text-slate-600 dark:text-slate-400">
                  {r.requester.full_name} · {r.item_count} item(s){r.needed_by ? ` · needed by ${formatDate(r.needed_by)}` : ''}
                </span>
              </span>
              <span className="tabular-nums">{formatMoney(r.total, r.currency)}</span>
            </label>
          </li>
        ))}
      </ul>
    );

  return (
    <form onSubmit={submit} noValidate aria-label="Create purchase orders" className="space-y-5">
      <FormError message={errors.root?.server?.message} />
      <fieldset className="space-y-2">
        <legend className="text-base font-semibold">Approved requests</legend>
        {requestList}
        {errors.requests?.message ? <p className="text-sm text-red-700 dark:text-red-400">{errors.requests.message}</p> : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Ship to" error={errors.ship_to?.message} required>
          {(c) => (
            <Select {...c} {...register('ship_to')}>
              <option value="">Choose a location…</option>
              {(locations.data ?? []).map((l) => (
                <option key={l.id} value={String(l.id)}>
                  {l.code} — {l.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Expected delivery" error={errors.expected_date?.message}>
          {(c) => <Input {...c} type="date" {...register('expected_date')} />}
        </Field>
      </div>
      <Button type="submit" busy={isSubmitting}>
        Create purchase orders
      </Button>
    </form>
  );
}
