import { useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { FilterBar } from '@/components/ui/filter-bar';
import { Input } from '@/components/ui/input';
import { Pagination } from '@/components/ui/pagination';
import { SearchInput } from '@/components/ui/search-input';
import { Table } from '@/components/ui/table';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatQuantity } from '@/lib/format';

import { useExpiringLots, useLotTrace, useLots, type Lot, type LotStock } from '../api/get-lots';
import { recallExportUrl, useRecallReport, useSendRecallNotice, type RecallRow } from '../api/recalls';

const NO_DEFAULTS = {};

function isExpired(useBy: string | null | undefined): boolean {
  if (!useBy) return false;
  const today = new Date();
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return useBy < iso;
}

function UseBy({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="text-slate-500">—</span>;
  return isExpired(value) ? (
    <Badge tone="danger">expired {formatDate(value)}</Badge>
  ) : (
    <span>{formatDate(value)}</span>
  );
}

/** Lots with what is on hand, the lots about to expire, and a recall from a chosen lot. */
export function LotsPage({ canRecall }: { canRecall: boolean }) {
  const list = useListParams(NO_DEFAULTS);
  const [withinDays, setWithinDays] = useState(14);
  const [expiringPage, setExpiringPage] = useState(1);
  const [selected, setSelected] = useState<Lot | null>(null);
  const lots = useLots({ page: list.page, page_size: PAGE_SIZE, search: list.search || undefined });
  const expiring = useExpiringLots(withinDays, expiringPage);
  return (
    <div className="space-y-6">
      <Card title="Expiring soon">
        <div className="mb-3 max-w-xs">
          <Field label="Use-by within (days)">
            {(c) => (
              <Input
                {...c}
                type="number"
                min={0}
                value={withinDays}
                onChange={(event) => {
                  setWithinDays(Math.max(0, Number(event.target.value) || 0));
                  setExpiringPage(1);
                }}
              />
            )}
          </Field>
        </div>
        <Table
          caption="Lots expiring soon"
          columns={[
            { key: 'lot', header: 'Lot', cell: (row: LotStock) => <span className="font-medium">{row.lot_code}</span> },
            { key: 'product', header: 'Product', cell: (row: LotStock) => `${row.product_sku} ${row.product_name}` },
            { key: 'location', header: 'Location', cell: (row: LotStock) => row.location_code },
            { key: 'use_by', header: 'Use by', cell: (row: LotStock) => <UseBy value={row.use_by} /> },
            { key: 'on_hand', header: 'On hand', align: 'right', cell: (row: LotStock) => formatQuantity(row.on_hand) },
            { key: 'weight', header: 'Net weight', align: 'right', cell: (row: LotStock) => formatQuantity(row.weight_on_hand) },
          ]}
          rows={expiring.data?.results}
          rowKey={(row) => row.id}
          isLoading={expiring.isPending}
          error={expiring.isError ? `Could not load expiring lots. ${errorMessage(expiring.error)}` : null}
          onRetry={() => void expiring.refetch()}
          emptyMessage="No lot on hand expires in that window."
        />
        <Pagination page={expiringPage} pageSize={PAGE_SIZE} count={expiring.data?.count} onPageChange={setExpiringPage} label="Expiring lot pages" />
      </Card>
      <Card title="Lots">
        <FilterBar label="Lot filters">
          <SearchInput label="Search lots" placeholder="Lot code, SKU or establishment" value={list.search} onSearch={(search) => list.set({ search })} />
        </FilterBar>
        <Table
          caption="Lots"
          columns={[
            { key: 'code', header: 'Lot', cell: (row: Lot) => <span className="font-medium">{row.code}</span> },
            { key: 'product', header: 'Product', cell: (row: Lot) => row.product_sku },
            { key: 'plant', header: 'Plant (est.)', cell: (row: Lot) => (row.plant_establishment ? `${row.plant_name} (${row.plant_establishment})` : '—') },
            { key: 'pack', header: 'Packed', cell: (row: Lot) => (row.pack_date ? formatDate(row.pack_date) : '—') },
            { key: 'use_by', header: 'Use by', cell: (row: Lot) => <UseBy value={row.use_by} /> },
            { key: 'on_hand', header: 'On hand', align: 'right', cell: (row: Lot) => formatQuantity(row.on_hand) },
            { key: 'weight', header: 'Net weight', align: 'right', cell: (row: Lot) => formatQuantity(row.weight_on_hand) },
            {
              key: 'actions',
              header: <span className="sr-only">Actions</span>,
              cell: (row: Lot) => (
                <Button variant="secondary" onClick={() => setSelected(row)} aria-label={`Trace lot ${row.code}`}>
                  Trace
                </Button>
              ),
            },
          ]}
          rows={lots.data?.results}
          rowKey={(row) => row.id}
          isLoading={lots.isPending}
          error={lots.isError ? `Could not load lots. ${errorMessage(lots.error)}` : null}
          onRetry={() => void lots.refetch()}
          emptyMessage="No lots yet: lots are created when lot-tracked goods are received."
        />
        <Pagination page={list.page} pageSize={PAGE_SIZE} count={lots.data?.count} onPageChange={list.setPage} label="Lot pages" />
      </Card>
      {selected ? <LotRecall lot={selected} canRecall={canRecall} /> : null}
    </div>
  );
}

function LotRecall({ lot, canRecall }: { lot: Lot; canRecall: boolean }) {
  const trace = useLotTrace(lot.id);
  const report = useRecallReport([lot.id]);
  const notify = useSendRecallNotice();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const send = async () => {
    if (!reason.trim()) {
      setReasonError('Give the reason for the recall.');
      return;
    }
    setReasonError(undefined);
    try {
      const result = await notify.mutateAsync({ lot: [lot.id], reason: reason.trim() });
      toast.success(`Recall notice sent to ${result.customers.length} customer(s).`);
    } catch (error) {
      setReasonError(errorMessage(error));
    }
  };
  return (
    <Card title={`Lot ${lot.code}: trace and recall`}>
      <h3 className="mb-2 text-sm font-semibold">Came in</h3>
      <ul className="mb-4 list-disc pl-5 text-sm" aria-label="Inbound movements">
        {(trace.data?.inbound ?? []).map((m) => (
          <li key={m.id}>
            {m.kind} {m.source_number || m.source_type} at {m.location_code}: {formatQuantity(m.quantity)}
            {m.weight ? ` / ${formatQuantity(m.weight)} net` : ''}
          </li>
        ))}
      </ul>
      <h3 className="mb-2 text-sm font-semibold">Customers who received it</h3>
      <Table
        caption={`Recall report for lot ${lot.code}`}
        columns={[
          { key: 'customer', header: 'Customer', cell: (row: RecallRow) => `${row.customer_code} ${row.customer_name}` },
          { key: 'contact', header: 'Contact', cell: (row: RecallRow) => [row.contact_name, row.contact_email, row.contact_phone].filter(Boolean).join(' · ') },
          { key: 'shipment', header: 'Shipment', cell: (row: RecallRow) => `${row.shipment} (${formatDate(row.ship_date)})` },
          { key: 'quantity', header: 'Quantity', align: 'right', cell: (row: RecallRow) => formatQuantity(row.quantity, row.unit) },
          { key: 'weight', header: 'Net weight', align: 'right', cell: (row: RecallRow) => (row.weight ? formatQuantity(row.weight) : '—') },
        ]}
        rows={report.data}
        rowKey={(row) => `${row.shipment}-${row.lot}-${row.quantity}-${row.weight ?? ''}`}
        isLoading={report.isPending}
        error={report.isError ? `Could not load the recall report. ${errorMessage(report.error)}` : null}
        emptyMessage="No customer has received this lot."
      />
      <p className="mt-3 flex flex-wrap gap-4">
        <a className="text-sm font-medium text-blue-700 underline dark:text-blue-400" href={recallExportUrl([lot.id], 'csv')} download>
          Download recall report (CSV)
        </a>
        <a className="text-sm font-medium text-blue-700 underline dark:text-blue-400" href={recallExportUrl([lot.id], 'pdf')} download>
          Download recall report (PDF)
        </a>
      </p>
      {canRecall ? (
        <div className="mt-4 space-y-3">
          <Field label="Recall reason" error={reasonError} required>
            {(c) => <Textarea {...c} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />}
          </Field>
          <Button onClick={() => void send()} busy={notify.isPending}>
            Send recall notice
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
