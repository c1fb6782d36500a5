import { useState } from 'react';
import { Link, useParams } from 'react-router';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Modal } from '@/components/ui/modal';
import { QueryState } from '@/components/ui/query-state';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/toast';
import { useCustomerReturnActions } from '@/features/customer-returns/api/customer-return-actions';
import { useCustomerReturn } from '@/features/customer-returns/api/get-customer-returns';
import { CustomerReturnDetail } from '@/features/customer-returns/components/customer-return-detail';
import { ReturnReceiveForm } from '@/features/customer-returns/components/return-receive-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api-error';

import { useCan } from '../../use-can';
import { backLinkClass } from './shared';

const linkClass = 'text-brand-700 underline-offset-2 hover:underline dark:text-brand-500';

export default function CustomerReturnDetailRoute() {
  const { returnId = '' } = useParams();
  const id = Number(returnId);
  const value = useCustomerReturn(id);
  const actions = useCustomerReturnActions(id);
  const canReceive = useCan('customer_return.receive');
  const canCredit = useCan('customer_return.credit');
  const canClose = useCan('customer_return.close');
  const canCancel = useCan('customer_return.cancel');
  const [receiving, setReceiving] = useState(false);
  const [closing, setClosing] = useState<'close' | 'cancel' | null>(null);
  const [reason, setReason] = useState('');
  useDocumentTitle(value.data ? `Return ${value.data.number}` : 'Customer return');
  const run = (promise: Promise<unknown>, done: string) =>
    promise.then(
      () => toast.success(done),
      (error: unknown) => toast.error(errorMessage(error)),
    );
  return (
    <div className="space-y-4">
      <p>
        <Link to="/sales-orders/returns" className={backLinkClass}>
          ← Customer returns
        </Link>
      </p>
      <QueryState query={value} what="the return">
        {(data) => (
          <>
            <CustomerReturnDetail
              value={data}
              links={
                <span className="flex flex-wrap gap-2">
                  <Link className={linkClass} to={`/receivables/invoices/${data.invoice}`}>
                    {data.invoice_number}
                  </Link>
                  <Link className={linkClass} to={`/sales-orders/${data.order}`}>
                    {data.order_number}
                  </Link>
                  {data.credit_note_number ? <span data-testid="return-credit-note">{data.credit_note_number}</span> : null}
                </span>
              }
              actions={
                <>
                  {canReceive && data.status === 'authorised' ? <Button onClick={() => setReceiving(true)}>Receive goods</Button> : null}
                  {canCredit && data.status === 'received' ? (
                    <Button busy={actions.credit.isPending} onClick={() => void run(actions.credit.mutateAsync(), `${data.number} credited; the invoice balance and aging are updated.`)}>
                      Credit the invoice
                    </Button>
                  ) : null}
                  {canClose && data.status === 'received' ? (
                    <Button variant="secondary" onClick={() => setClosing('close')}>
                      Close without credit
                    </Button>
                  ) : null}
                  {canCancel && data.status === 'authorised' ? (
                    <Button variant="secondary" onClick={() => setClosing('cancel')}>
                      Cancel return
                    </Button>
                  ) : null}
                </>
              }
            />
            <Modal open={receiving} title={`Receive return ${data.number}`} onClose={() => setReceiving(false)} size="lg">
              <ReturnReceiveForm
                lines={data.lines}
                onSubmit={async (input) => {
                  await actions.receive.mutateAsync(input);
                  setReceiving(false);
                  toast.success(`${data.number} received: stock and write-offs are on the ledger.`);
                }}
              />
            </Modal>
            <Modal open={closing !== null} title={closing === 'close' ? `Close ${data.number} without credit` : `Cancel ${data.number}`} onClose={() => setClosing(null)}>
              <div className="space-y-4">
                <Field label="Reason" required={closing === 'close'}>
                  {(c) => <Textarea {...c} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />}
                </Field>
                <Button
                  onClick={() => {
                    const mutation = closing === 'close' ? actions.close : actions.cancel;
                    void run(mutation.mutateAsync(reason), closing === 'close' ? `${data.number} closed.` : `${data.number} cancelled.`).then(() => setClosing(null));
                  }}
                >
                  {closing === 'close' ? 'Close return' : 'Cancel return'}
                </Button>
              </div>
            </Modal>
          </>
        )}
      </QueryState>
    </div>
  );
}
