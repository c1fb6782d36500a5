import { Link, useNavigate } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Card } from '@/components/ui/card';
import { toast } from '@/components/ui/toast';
import { QuoteForm } from '@/features/sales-quotes/components/quote-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

import { backLinkClass } from './shared';

export default function QuoteNewRoute() {
  useDocumentTitle('New quote');
  const navigate = useNavigate();
  return (
    <>
      <p className="mb-2">
        <Link to="/sales-orders/quotes" className={backLinkClass}>
          ← Quotes
        </Link>
      </p>
      <PageHeader title="New quote" />
      <Card>
        <QuoteForm
          onCancel={() => void navigate('/sales-orders/quotes')}
          onCreated={(quote) => {
            toast.success(`${quote.number} saved as a draft.`);
            void navigate(`/sales-orders/quotes/${quote.id}`);
          }}
        />
      </Card>
    </>
  );
}
