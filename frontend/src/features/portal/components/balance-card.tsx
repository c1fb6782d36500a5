import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { QueryState } from '@/components/ui/query-state';
import { formatMoney } from '@/lib/format';

import { useMyBalance } from '../api/get-my-balance';

/** What the customer owes: open invoices less unapplied credit. */
export function BalanceCard() {
  const balance = useMyBalance();
  return (
    <Card title="Your balance">
      <QueryState query={balance} what="your balance">
        {(row) =>
          row ? (
            <DescriptionList
              items={[
                { term: 'Open invoices', value: formatMoney(row.open_invoices, row.currency) },
                { term: 'Unapplied credit', value: formatMoney(row.unapplied_credit, row.currency) },
                { term: 'Balance due', value: <strong className="text-lg" data-testid="portal-balance">{formatMoney(row.balance, row.currency)}</strong> },
              ]}
            />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">Nothing is owed. Thank you!</p>
          )
        }
      </QueryState>
    </Card>
  );
}
