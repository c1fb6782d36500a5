import { useState } from 'react';
import { Link } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { CustomerStatement } from '@/features/receivables/components/customer-statement';
import type { StatementQuery } from '@/features/receivables/api/get-statement';
import { useDocumentTitle } from '@/hooks/use-document-title';

/** The portal customer's own statement of account. */
export default function PortalStatementRoute() {
  useDocumentTitle('Statement of account');
  const [query, setQuery] = useState<StatementQuery>({});
  return (
    <>
      <p className="mb-2">
        <Link to="/portal" className="text-sm text-brand-700 underline-offset-2 hover:underline dark:text-brand-500">
          ← My account
        </Link>
      </p>
      <PageHeader title="Statement of account" description="Your invoices and payments with the running balance." />
      <CustomerStatement query={query} onChange={setQuery} />
    </>
  );
}
