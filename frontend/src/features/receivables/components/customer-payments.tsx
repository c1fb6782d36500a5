import { Pagination } from '@/components/ui/pagination';
import { Table, type Column } from '@/components/ui/table';
import { PAGE_SIZE, useListParams } from '@/hooks/use-list-params';
import { errorMessage } from '@/lib/api-error';
import { formatDate, formatMoney } from '@/lib/format';

import { useCustomerPayments, type CustomerPayment } from '../api/get-customer-payments';
import { PAYMENT_METHODS, type PaymentMethod } from '../api/record-customer-payment';

const DEFAULTS = { ordering: '-received_on' };

export function CustomerPayments() {
  const list = useListParams(DEFAULTS);
  const payments = useCustomerPayments({ page: list.page, page_size: PAGE_SIZE, ordering: list.ordering });
  const columns: Column<CustomerPayment>[] = [
    { key: 'number', header: 'Payment', sortKey: 'number', cell: (p) => p.number },
    { key: 'customer', header: 'Customer', cell: (p) => p.customer_code },
    { key: 'date', header: 'Received', sortKey: 'received_on', cell: (p) => formatDate(p.received_on) },
    { key: 'method', header: 'Method', cell: (p) => PAYMENT_METHODS[p.method as PaymentMethod] ?? p.method },
    { key: 'applied', header: 'Applied to', cell: (p) => p.allocations.map((a) => a.invoice_number).join(', ') || '—' },
    { key: 'amount', header: 'Amount', sortKey: 'amount', align: 'right', cell: (p) => formatMoney(p.amount, p.currency) },
    { key: 'credit', header: 'Unapplied', align: 'right', cell: (p) => formatMoney(p.unapplied_amount, p.currency) },
  ];
  return (
    <div>
      <Table
        caption="Customer payments"
        columns={columns}
        rows={payments.data?.results}
        rowKey={(p) => p.id}
        isLoading={payments.isPending}
        error={payments.isError ? `Could not load payments. ${errorMessage(payments.error)}` : null}
        onRetry={() => void payments.refetch()}
        emptyMessage="No payments received yet."
        ordering={list.ordering}
        onOrderingChange={list.setOrdering}
      />
      <Pagination page={list.page} pageSize={PAGE_SIZE} count={payments.data?.count} onPageChange={list.setPage} label="Payment pages" />
    </div>
  );
}
