import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { Spinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatQuantity } from '@/lib/format';

import { useGoodsReceipts } from '../api/get-goods-receipts';
import type { GoodsReceipt } from '../api/post-goods-receipt';

import { ReturnGoodsForm } from './return-goods-form';

const DEBIT_NOTE_STATUS: Record<GoodsReceipt['debit_notes'][number]['status'], string> = {
  open: 'credit expected',
  partially_applied: 'partly applied to invoices',
  applied: 'applied to invoices',
};

/** The receipts posted against one order, newest first; `canReturn` offers sending goods back. */
export function ReceiptsList({ order, canReturn = false }: { order: number; canReturn?: boolean }) {
  const receipts = useGoodsReceipts(order);
  const [returning, setReturning] = useState<GoodsReceipt | null>(null);
  if (receipts.isPending) return <Spinner label="Loading receipts…" />;
  if (receipts.isError)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        Could not load receipts. {errorMessage(receipts.error)}
      </p>
    );
  if (receipts.data.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Nothing received yet.</p>;
  return (
    <>
    <ul className="space-y-3" aria-label="Goods receipts">
      {receipts.data.map((receipt) => (
        <li key={receipt.id} className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
          <p className="font-medium">
            {receipt.number} <span className="font-normal text-slate-600 dark:text-slate-400">· {formatDate(receipt.received_on)}</span>
          </p>
          <ul className="mt-1 space-y-0.5">
            {receipt.lines.map((line) => (
              <li key={line.id}>
                Line {line.line_no}: received {formatQuantity(line.quantity_received)}
                {Number(line.quantity_rejected) > 0 ? `, rejected ${formatQuantity(line.quantity_rejected)} (${line.rejection_reason})` : ''}
                {Number(line.quantity_returned) > 0 ? `, returned ${formatQuantity(line.quantity_returned)}` : ''}
              </li>
            ))}
          </ul>
          {receipt.notes ? <p className="mt-1 text-slate-600 dark:text-slate-400">{receipt.notes}</p> : null}
          {receipt.debit_notes.length > 0 ? (
            <ul className="mt-1 space-y-0.5" aria-label={`Debit notes of ${receipt.number}`}>
              {receipt.debit_notes.map((note) => (
                <li key={note.id}>
                  Debit note {note.number}: {formatQuantity(note.total)} {DEBIT_NOTE_STATUS[note.status]}
                  {note.status === 'partially_applied' ? ` (${formatQuantity(note.amount_applied)} applied)` : ''}
                </li>
              ))}
            </ul>
          ) : null}
          {canReturn && receipt.lines.some((line) => Number(line.quantity_received) > Number(line.quantity_returned)) ? (
            <Button size="sm" variant="secondary" className="mt-2" onClick={() => setReturning(receipt)}>
              Return to supplier
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
      <Modal open={returning !== null} title={returning ? `Return goods of ${returning.number}` : 'Return goods'} onClose={() => setReturning(null)}>
        {returning ? (
          <ReturnGoodsForm
            receipt={returning}
            order={order}
            onCancel={() => setReturning(null)}
            onDone={(saved) => {
              setReturning(null);
              const note = saved.debit_notes[saved.debit_notes.length - 1];
              toast.success(`Goods of ${saved.number} are on their way back; the order expects them again.${note ? ` Debit note ${note.number} raised.` : ''}`);
            }}
          />
        ) : null}
      </Modal>
    </>
  );
}
