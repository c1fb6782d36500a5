import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-error';

import { useSpendByDepartment } from '../api/get-spend-by-department';
import { spendBars } from '../lib/spend-bars';

import { SpendChart } from './spend-chart';

/** This month's committed spend per department, refreshed every 15 s while the tab is visible. */
export function SpendByDepartmentFigure() {
  const spend = useSpendByDepartment();
  if (spend.isPending) return <Spinner size="sm" label="Loading spend by department…" />;
  if (spend.isError) return <p className="mt-3 text-sm text-red-700 dark:text-red-400">Could not load: {errorMessage(spend.error)}</p>;
  return <SpendChart groups={spendBars(spend.data.rows)} month={spend.data.month} />;
}
