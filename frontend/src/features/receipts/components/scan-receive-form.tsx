import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { Table } from '@/components/ui/table';
import { errorMessage, isApiError } from '@/lib/api-error';
import { normaliseScan, scanWithCamera } from '@/lib/barcode-camera';
import { formatDate, formatQuantity } from '@/lib/format';

import { groupCases, postScannedReceipt, useReadCaseLabel, type ReceivingLine, type ScannedCase } from '../api/read-case-label';
import type { GoodsReceipt } from '../api/post-goods-receipt';

interface ScanReceiveFormProps {
  order: number;
  lines: readonly ReceivingLine[];
  onPosted: (receipt: GoodsReceipt) => void;
  onCancel: () => void;
}

/** Receive by scanning GS1-128 case labels: a keyboard-wedge scanner types into the field and
 * ends with Enter, or the camera reads the label. Each good scan adds a case (product, lot,
 * dates, net weight); a bad label is an error under the field and adds nothing. */
export function ScanReceiveForm({ order, lines, onPosted, onCancel }: ScanReceiveFormProps) {
  const read = useReadCaseLabel('receive');
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [cases, setCases] = useState<ScannedCase[]>([]);
  const [scanError, setScanError] = useState<string | undefined>();
  const [postError, setPostError] = useState<string | undefined>();
  const [posting, setPosting] = useState(false);
  const [cameraOn, setCameraOn] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const abort = useRef<AbortController | null>(null);

  const add = async (raw: string) => {
    const text = normaliseScan(raw);
    if (!text) return;
    try {
      const scanned = await read.mutateAsync(text);
      setCases((previous) => [...previous, scanned]);
      setScanError(undefined);
      setCode('');
    } catch (error) {
      setScanError(isApiError(error) ? (error.fieldErrors.code?.[0] ?? error.detail) : errorMessage(error));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void add(code);
    }
  };

  const startCamera = async () => {
    if (!video.current) return;
    setCameraOn(true);
    abort.current = new AbortController();
    try {
      await add(await scanWithCamera(video.current, abort.current.signal));
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) setScanError(`Camera: ${errorMessage(error)}`);
    } finally {
      setCameraOn(false);
    }
  };

  const grouped = groupCases(cases, lines);
  const post = async () => {
    setPosting(true);
    setPostError(undefined);
    try {
      const receipt = await postScannedReceipt(order, grouped.lines);
      void queryClient.invalidateQueries({ queryKey: ['purchase-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['receipts'] });
      void queryClient.invalidateQueries({ queryKey: ['inventory'] });
      onPosted(receipt);
    } catch (error) {
      setPostError(`Nothing was posted. ${errorMessage(error)}`);
    } finally {
      setPosting(false);
    }
  };

  return (
    <div className="space-y-4" aria-label="Receive by scanning">
      <Field label="Scan a case label" error={scanError} hint="Scan with the handheld scanner (it ends with Enter) or use the camera.">
        {(c) => (
          <Input
            {...c}
            autoFocus
            autoComplete="off"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            onKeyDown={onKeyDown}
            placeholder="(01)…(3202)…(10)…"
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void add(code)} busy={read.isPending}>
          Add case
        </Button>
        {cameraOn ? (
          <Button variant="secondary" onClick={() => abort.current?.abort()}>
            Stop camera
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => void startCamera()}>
            Scan with camera
          </Button>
        )}
      </div>
      <video ref={video} className={cameraOn ? 'w-full max-w-sm rounded-md' : 'hidden'} muted playsInline aria-label="Camera preview" />
      <Table
        caption="Scanned cases"
        columns={[
          { key: 'n', header: '#', cell: (row: { index: number; item: ScannedCase }) => row.index + 1 },
          { key: 'product', header: 'Product', cell: (row) => row.item.product_sku },
          { key: 'lot', header: 'Lot', cell: (row) => row.item.lot_code || '—' },
          { key: 'use_by', header: 'Use by', cell: (row) => (row.item.use_by ? formatDate(row.item.use_by) : '—') },
          { key: 'weight', header: 'Net weight', align: 'right', cell: (row) => (row.item.net_weight ? formatQuantity(row.item.net_weight, row.item.weight_unit) : '—') },
        ]}
        rows={cases.map((item, index) => ({ index, item }))}
        rowKey={(row) => row.index}
        emptyMessage="No case scanned yet."
      />
      {grouped.unmatched.length > 0 ? (
        <FormError message={`${grouped.unmatched.length} scanned case(s) are not on this order (${grouped.unmatched.map((c) => c.product_sku).join(', ')}).`} />
      ) : null}
      <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
        {grouped.lines.map((line) => `${line.quantity_received} case(s) of lot ${line.lot_code}${line.net_weight ? `, ${line.net_weight} net` : ''}`).join(' · ')}
      </p>
      <FormError message={postError} />
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => void post()} busy={posting} disabled={grouped.lines.length === 0 || grouped.unmatched.length > 0}>
          Post receipt
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={posting}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
