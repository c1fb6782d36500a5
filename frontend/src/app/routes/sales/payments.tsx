import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { toast } from '@/components/ui/toast';
import { CustomerPaymentForm } from '@/features/receivables/components/customer-payment-form';
import { CustomerPayments } from '@/features/receivables/components/customer-payments';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { formatMoney } from '@/lib/format';

import { useCan } from '../../use-can';

export default function CustomerPaymentsRoute() {
  useDocumentTitle('Customer payments');
  const canRecord = useCan('customer_payment.create');
  const [open, setOpen] = useState(false);
  return (
    <>
      {canRecord ? (
        <div className="mb-3 flex justify-end">
          <Button onClick={() => setOpen(true)}>Record a payment</Button>
        </div>
      ) : null}
      <CustomerPayments />
      <Modal open={open} title="Record a customer payment" onClose={() => setOpen(false)} size="lg">
        <CustomerPaymentForm
          onCancel={() => setOpen(false)}
          onRecorded={(payment) => {
            setOpen(false);
            toast.success(`${payment.number}: ${formatMoney(payment.amount, payment.currency)} recorded.`);
          }}
        />
      </Modal>
    </>
  );
}
