import { PageHeader } from '@/components/layouts/page-header';
import { ReportsPage } from '@/features/reports/components/reports-page';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { holds, holdsForAll } from '@/lib/authorization';

import { useGrants } from '../use-can';

/** Charts and their figures; the chart library loads with this page only. */
export default function ReportsRoute() {
  useDocumentTitle('Reports');
  const grants = useGrants();
  return (
    <>
      <PageHeader title="Reports" description="The last twelve months at a glance. Every chart shows its figures and downloads them as CSV or Excel." />
      <ReportsPage
        access={{
          spend: holds(grants, 'spend_report.view'),
          sales: holds(grants, 'sales_report.view'),
          payables: holds(grants, 'payables_report.view'),
          receivables: holdsForAll('receivables.view')(grants),
          stock: holds(grants, 'stock_level.view'),
        }}
      />
    </>
  );
}
