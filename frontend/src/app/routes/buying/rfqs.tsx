import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Table } from '@/components/ui/table';
import { useCreateRfq, useRfqs, type Rfq } from '@/features/rfqs/api/rfqs';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api-error';

import { useCan } from '../../use-can';

const STATUS_TONE = { draft: 'neutral', sent: 'info', awarded: 'success', cancelled: 'danger' } as const;

function NewRfqForm() {
  const create = useCreateRfq();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [inTwoDays] = useState(() => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const ids = (name: string) =>
      String(data.get(name) ?? '')
        .split(',')
        .map((part) => Number(part.trim()))
        .filter((n) => Number.isInteger(n) && n > 0);
    const request = Number(data.get('request')) || null;
    try {
      const rfq = await create.mutateAsync({
        title: String(data.get('title') ?? ''),
        notes: '',
        respond_by: String(data.get('respond_by') ?? ''),
        ship_to: Number(data.get('ship_to')),
        suppliers: ids('suppliers'),
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
          Approved request id (its items become the lines)
          <Input name="request" inputMode="numeric" />
        </label>
        <label className="text-sm">
          Ship-to location id
          <Input name="ship_to" inputMode="numeric" required />
        </label>
        <label className="text-sm sm:col-span-2">
          Supplier ids (comma separated)
          <Input name="suppliers" required />
        </label>
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
