import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormError } from '@/components/ui/form-error';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Table } from '@/components/ui/table';
import { useLocations } from '@/features/inventory/api/get-locations';
import { usePurchaseRequests } from '@/features/purchase-requests/api/get-purchase-requests';
import { useSupplierOptions } from '@/features/purchase-requests/api/get-supplier-options';
import { useCreateRfq, useRfqs, type Rfq } from '@/features/rfqs/api/rfqs';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api-error';

import { useCan } from '../../use-can';

const STATUS_TONE = { draft: 'neutral', sent: 'info', awarded: 'success', cancelled: 'danger' } as const;

/** Suppliers to invite: a filter box over the active suppliers, ticked ones listed first. */
function SupplierPicker({ chosen, onChange }: { chosen: number[]; onChange: (ids: number[]) => void }) {
  const suppliers = useSupplierOptions();
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return (suppliers.data ?? [])
      .filter((s) => chosen.includes(s.id) || !needle || `${s.name} ${s.code}`.toLowerCase().includes(needle))
      .sort((a, b) => Number(chosen.includes(b.id)) - Number(chosen.includes(a.id)) || a.name.localeCompare(b.name));
  }, [suppliers.data, filter, chosen]);
  return (
    <fieldset className="sm:col-span-2 space-y-2">
      <legend className="text-sm">Suppliers to ask ({chosen.length} chosen)</legend>
      <Input aria-label="Find a supplier" placeholder="Find by name or code" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="max-h-48 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2 dark:border-slate-700">
        {suppliers.isPending ? <p className="text-sm">Loading suppliers…</p> : null}
        {shown.map((s) => (
          <Checkbox
            key={s.id}
            label={`${s.name} (${s.code})`}
            checked={chosen.includes(s.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, s.id] : chosen.filter((id) => id !== s.id))}
          />
        ))}
        {suppliers.data && shown.length === 0 ? <p className="text-sm">No supplier matches.</p> : null}
      </div>
    </fieldset>
  );
}

function NewRfqForm() {
  const create = useCreateRfq();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [suppliers, setSuppliers] = useState<number[]>([]);
  const locations = useLocations();
  const approved = usePurchaseRequests({ status: 'approved', page_size: 100 });
  const [inTwoDays] = useState(() => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const request = Number(data.get('request')) || null;
    try {
      const rfq = await create.mutateAsync({
        title: String(data.get('title') ?? ''),
        notes: '',
        respond_by: String(data.get('respond_by') ?? ''),
        ship_to: Number(data.get('ship_to')),
        suppliers,
        request,
        ...(request
          ? {}
          : {
              lines: [
                {
                  description: String(data.get('description') ?? ''),
                  quantity: String(data.get('quantity') ?? ''),
                  unit: String(data.get('unit') ?? 'each') as 'each',
                },
              ],
            }),
      });
      await navigate(`/rfqs/${rfq.id}`);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  return (
    <Card title="New request for quotation">
      <form aria-label="New request for quotation" className="grid gap-3 sm:grid-cols-2" onSubmit={(e) => void submit(e)}>
        <label className="text-sm">
          Title
          <Input name="title" required />
        </label>
        <label className="text-sm">
          Respond by
          <Input name="respond_by" type="date" defaultValue={inTwoDays} required />
        </label>
        <label className="text-sm">
          From an approved request (its items become the lines)
          <Select name="request" defaultValue="">
            <option value="">None: enter a line below</option>
            {approved.data?.results.map((request) => (
              <option key={request.id} value={request.id}>
                {`${request.number} · ${request.title}`}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-sm">
          Ship to
          <Select name="ship_to" required defaultValue="">
            <option value="" disabled>
              Choose a location
            </option>
            {locations.data?.map((location) => (
              <option key={location.id} value={location.id}>
                {`${location.name} (${location.code})`}
              </option>
            ))}
          </Select>
        </label>
        <SupplierPicker chosen={suppliers} onChange={setSuppliers} />
        <label className="text-sm">
          Line (without a request): description
          <Input name="description" />
        </label>
        <div className="grid grid-cols-2 gap-2">
          <label className="text-sm">
            Quantity
            <Input name="quantity" inputMode="decimal" />
          </label>
          <label className="text-sm">
            Unit
            <Input name="unit" defaultValue="lb" />
          </label>
        </div>
        <div className="sm:col-span-2">
          <FormError message={error} />
          <Button type="submit" disabled={create.isPending}>
            Create draft
          </Button>
        </div>
      </form>
    </Card>
  );
}

export default function RfqsRoute() {
  useDocumentTitle('Requests for quotation');
  const rfqs = useRfqs();
  const canWrite = useCan('rfq.create');
  return (
    <>
      <PageHeader title="Requests for quotation" description="Ask several suppliers, compare their quotes, award per line." />
      <Table<Rfq>
        caption="Requests for quotation"
        rows={rfqs.data?.results}
        rowKey={(rfq) => rfq.id}
        isLoading={rfqs.isPending}
        error={rfqs.isError ? errorMessage(rfqs.error) : null}
        columns={[
          { key: 'number', header: 'Number', cell: (rfq) => <Link to={`/rfqs/${rfq.id}`}>{rfq.number}</Link> },
          { key: 'title', header: 'Title', cell: (rfq) => rfq.title },
          { key: 'status', header: 'Status', cell: (rfq) => <Badge tone={STATUS_TONE[rfq.status]}>{rfq.status}</Badge> },
          { key: 'suppliers', header: 'Suppliers', cell: (rfq) => rfq.invitations.map((i) => i.supplier_name).join(', ') },
          { key: 'respond_by', header: 'Respond by', cell: (rfq) => rfq.respond_by },
          { key: 'currency', header: 'Currency', cell: (rfq) => rfq.currency },
        ]}
      />
      {canWrite ? (
        <div className="mt-6">
          <NewRfqForm />
        </div>
      ) : null}
    </>
  );
}
