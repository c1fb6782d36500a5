import { Link } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { QuotesList } from '@/features/sales-quotes/components/quotes-list';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';
import { primaryLinkClass } from './shared';

export default function QuotesRoute() {
  useDocumentTitle('Quotes');
  const canCreate = useCan('sales_quote.create');
  return (
    <>
      <PageHeader
        title="Quotes"
        actions={
          canCreate ? (
            <Link to="/sales-orders/quotes/new" className={primaryLinkClass}>
              New quote
            </Link>
          ) : null
        }
      />
      <QuotesList quoteHref={(id) => `/sales-orders/quotes/${id}`} orderHref={(id) => `/sales-orders/${id}`} />
    </>
  );
}
