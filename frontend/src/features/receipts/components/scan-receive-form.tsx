import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { CaseLabelScanner } from '@/components/case-label-scanner';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { Table } from '@/components/ui/table';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatQuantity } from '@/lib/format';

import { groupCases, postScannedReceipt, type ReceivingLine, type ScannedCase } from '../api/read-case-label';
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
  const queryClient = useQueryClient();
  const [cases, setCases] = useState<ScannedCase[]>([]);
  const [postError, setPostError] = useState<string | undefined>();
  const [posting, setPosting] = useState(false);

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
      <CaseLabelScanner
        purpose="receive"
        onCase={(scanned) => {
          setCases((previous) => [...previous, scanned]);
          return undefined;
        }}
      />
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
