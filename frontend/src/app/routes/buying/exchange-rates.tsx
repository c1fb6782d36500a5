import { useState } from 'react';

import { PageHeader } from '@/components/layouts/page-header';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Table } from '@/components/ui/table';
import { useCompanyCurrency, useExchangeRates, useImportRates, type ExchangeRate } from '@/features/exchange-rates/api/exchange-rates';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api-error';

import { useCan } from '../../use-can';

export default function ExchangeRatesRoute() {
  useDocumentTitle('Exchange rates');
  const [currency, setCurrency] = useState('');
  const rates = useExchangeRates(currency);
  const company = useCompanyCurrency();
  const upload = useImportRates();
  const canImport = useCan('exchange_rate.import');
  return (
    <>
      <PageHeader title="Exchange rates" description={`Company currency: ${company.data?.currency ?? '…'}. Every document keeps the rate of its date.`} />
      {canImport ? (
        <Card title="Import ECB reference rates">
          <label className="text-sm">
            ECB XML file (daily or history)
            <Input type="file" accept=".xml,text/xml,application/xml" onChange={(e) => e.target.files?.[0] && upload.mutate(e.target.files[0])} />
          </label>
          {upload.isError ? <Alert className="mt-2">{errorMessage(upload.error)}</Alert> : null}
          {upload.data ? (
            <Alert tone="success" className="mt-2">
              Imported {upload.data.rates} rates from {upload.data.first_date} to {upload.data.last_date}.
            </Alert>
          ) : null}
        </Card>
      ) : null}
      <div className="my-3 max-w-xs">
        <label className="text-sm">
          Currency
          <Input value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value.toUpperCase())} />
        </label>
      </div>
      <Table<ExchangeRate>
        caption="Exchange rates"
        rows={rates.data?.results}
        rowKey={(r) => r.id}
        isLoading={rates.isPending}
        error={rates.isError ? errorMessage(rates.error) : null}
        columns={[
          { key: 'date', header: 'Date', cell: (r) => r.rate_date },
          { key: 'pair', header: 'Rate', cell: (r) => `1 ${r.base} = ${r.rate} ${r.currency}` },
          { key: 'source', header: 'Source', cell: (r) => r.source },
        ]}
      />
    </>
  );
}
