import { useRef, useState } from 'react';

import { CaseLabelScanner } from '@/components/case-label-scanner';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Table } from '@/components/ui/table';
import { errorMessage } from '@/lib/api-error';
import { thousandths } from '@/lib/case-labels';
import { formatDate, formatQuantity } from '@/lib/format';

import { useCarrierOptions } from '../api/get-carriers';
import { fefoNote, lineForCase, usePickLots, useShipScanned, type PickedCase, type PickLot, type ShippingLine } from '../api/ship-scanned';
import type { Shipment } from '../api/ship-order';

interface ScanShipFormProps {
  order: number;
  lines: readonly ShippingLine[];
  onShipped: (shipment: Shipment) => void;
  onCancel: () => void;
}

/** Ship by scanning case labels: the pick list shows each product's lots first-expiring first,
 * every scan adds one case of its lot with its label weight, and the shipment carries exactly
 * the cases scanned (the invoice then bills their weight). */
export function ScanShipForm({ order, lines, onShipped, onCancel }: ScanShipFormProps) {
  const shippable = lines.filter((line) => Number(line.quantity_reserved) > 0);
  const products = [...new Set(shippable.map((line) => line.product))];
  const lotQueries = usePickLots(products);
  const lots: PickLot[] = lotQueries.flatMap((query) => query.data ?? []);
  const carriers = useCarrierOptions();
  const ship = useShipScanned(order);
  const [picked, setPickedState] = useState<PickedCase[]>([]);
  // Scans resolve one after another faster than React re-renders; each check must see the cases
  // already accepted, so the list lives in a ref as well as in state.
  const pickedRef = useRef<PickedCase[]>([]);
  const setPicked = (next: PickedCase[]) => {
    pickedRef.current = next;
    setPickedState(next);
  };
  const [notes, setNotes] = useState<string[]>([]);
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [shipError, setShipError] = useState<string | undefined>();

  const onCase = (scanned: PickedCase['scanned']) => {
    const current = pickedRef.current;
    const line = lineForCase(shippable, current, scanned);
    if (typeof line === 'string') return line;
    const note = fefoNote(lots, current, scanned);
    setNotes((previous) => (note ? [...previous, note] : previous));
    setPicked([...current, { line, scanned }]);
    return undefined;
  };

  const submit = async () => {
    setShipError(undefined);
    try {
      onShipped(await ship.mutateAsync({ carrier, tracking_number: tracking, picked }));
    } catch (error) {
      setShipError(`Nothing was shipped. ${errorMessage(error)}`);
    }
  };

  const summary = shippable.map((line) => {
    const cases = picked.filter((item) => item.line.id === line.id);
    const weighed = cases.filter((item) => item.scanned.net_weight !== null);
    const weight = weighed.reduce((sum, item) => sum + thousandths(item.scanned.net_weight ?? '0'), 0);
    const unit = weighed[0]?.scanned.weight_unit ?? '';
    return `${line.sku}: ${cases.length} of ${formatQuantity(line.quantity_reserved)} ${line.unit}${weighed.length ? `, ${(weight / 1000).toFixed(3)} ${unit}` : ''}`;
  });

  return (
    <div className="space-y-4" aria-label="Ship by scanning">
      <Table
        caption="Pick list (first expiring first)"
        columns={[
          { key: 'sku', header: 'Product', cell: (lot: PickLot) => shippable.find((line) => line.product === lot.product)?.sku ?? '' },
          { key: 'lot', header: 'Lot', cell: (lot) => lot.code },
          { key: 'use_by', header: 'Use by', cell: (lot) => (lot.use_by ? formatDate(lot.use_by) : '—') },
          { key: 'on_hand', header: 'On hand', align: 'right', cell: (lot) => formatQuantity(lot.on_hand) },
          {
            key: 'scanned',
            header: 'Scanned',
            align: 'right',
            cell: (lot) => picked.filter((item) => item.scanned.lot === lot.id).length,
          },
        ]}
        rows={lots}
        rowKey={(lot) => lot.id}
        isLoading={lotQueries.some((query) => query.isPending)}
        emptyMessage="No lot of these products is on hand."
      />
      <CaseLabelScanner purpose="ship" onCase={onCase} />
      {notes.length > 0 ? (
        <ul className="list-disc pl-5 text-sm text-amber-800 dark:text-amber-300" aria-label="Picking notes">
          {notes.map((note, index) => (
            <li key={`${index}-${note}`}>{note}</li>
          ))}
        </ul>
      ) : null}
      <Table
        caption="Scanned cases"
        columns={[
          { key: 'n', header: '#', cell: (row: { index: number; item: PickedCase }) => row.index + 1 },
          { key: 'sku', header: 'Product', cell: (row) => row.item.line.sku },
          { key: 'lot', header: 'Lot', cell: (row) => row.item.scanned.lot_code || '—' },
          { key: 'use_by', header: 'Use by', cell: (row) => (row.item.scanned.use_by ? formatDate(row.item.scanned.use_by) : '—') },
          {
            key: 'weight',
            header: 'Net weight',
            align: 'right',
            cell: (row) => (row.item.scanned.net_weight ? formatQuantity(row.item.scanned.net_weight, row.item.scanned.weight_unit) : '—'),
          },
          {
            key: 'remove',
            header: '',
            cell: (row) => (
              <Button
                variant="secondary"
                size="sm"
                aria-label={`Remove case ${row.index + 1}`}
                onClick={() => setPicked(pickedRef.current.filter((_, index) => index !== row.index))}
              >
                ×
              </Button>
            ),
          },
        ]}
        rows={picked.map((item, index) => ({ index, item }))}
        rowKey={(row) => row.index}
        emptyMessage="No case scanned yet."
      />
      <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {summary.join(' · ')}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Carrier">
          {(c) => (
            <Select {...c} value={carrier} onChange={(event) => setCarrier(event.target.value)}>
              <option value="">{carriers.isPending ? 'Loading carriers…' : 'Customer pickup / no carrier'}</option>
              {(carriers.data ?? []).map((option) => (
                <option key={option.id} value={String(option.id)}>
                  {option.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Tracking number">{(c) => <Input {...c} value={tracking} maxLength={64} onChange={(event) => setTracking(event.target.value)} />}</Field>
      </div>
      <FormError message={shipError} />
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => void submit()} busy={ship.isPending} disabled={picked.length === 0}>
          Ship {picked.length} case(s)
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={ship.isPending}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
