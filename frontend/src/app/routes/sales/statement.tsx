import { useSearchParams } from 'react-router';

import { LabelledSelect } from '@/components/ui/labelled-select';
import { useCustomers } from '@/features/partners/api/get-customers';
import { CustomerStatement } from '@/features/receivables/components/customer-statement';
import { useDocumentTitle } from '@/hooks/use-document-title';

/** A customer's statement of account, for finance and sales (the customer and dates in the URL). */
export default function StatementRoute() {
  useDocumentTitle('Customer statement');
  const [params, setParams] = useSearchParams();
  const customers = useCustomers({ page_size: 200, ordering: 'name' });
  const customer = Number(params.get('customer')) || undefined;
  const query = { customer, date_from: params.get('from') ?? undefined, date_to: params.get('to') ?? undefined };
  const update = (next: { customer?: number | undefined; date_from?: string | undefined; date_to?: string | undefined }) => {
    const search = new URLSearchParams();
    if (next.customer) search.set('customer', String(next.customer));
    if (next.date_from) search.set('from', next.date_from);
    if (next.date_to) search.set('to', next.date_to);
    setParams(search, { replace: true });
  };
  return (
    <div className="space-y-4">
      <div className="max-w-sm">
        <LabelledSelect label="Customer" value={customer ? String(customer) : ''} onChange={(value) => update({ ...query, customer: Number(value) || undefined })}>
          <option value="">Choose a customer…</option>
          {customers.data?.results.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </LabelledSelect>
      </div>
      {customer ? <CustomerStatement query={query} onChange={update} /> : <p className="text-sm text-slate-600 dark:text-slate-400">Choose a customer to see their statement.</p>}
    </div>
  );
}
