import { Link, useNavigate, useParams } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { QuoteDetail } from '@/features/sales-quotes/components/quote-detail';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { useCan } from '../../use-can';
import { backLinkClass } from './shared';

export default function QuoteDetailRoute() {
  useDocumentTitle('Quote');
  const navigate = useNavigate();
  const id = Number(useParams().quoteId);
  const rights = { send: useCan('sales_quote.send'), accept: useCan('sales_quote.accept'), decline: useCan('sales_quote.decline') };
  return (
    <>
      <p className="mb-2">
        <Link to="/sales-orders/quotes" className={backLinkClass}>
          ← Quotes
        </Link>
      </p>
      <PageHeader title="Quote" />
      <QuoteDetail id={id} rights={rights} orderHref={(orderId) => `/sales-orders/${orderId}`} onAccepted={(orderId) => void navigate(`/sales-orders/${orderId}`)} />
    </>
  );
}
