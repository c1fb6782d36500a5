import { Link, useNavigate, useParams } from 'react-router';

import { PageHeader } from '@/components/layouts/page-header';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { QueryState } from '@/components/ui/query-state';
import { toast } from '@/components/ui/toast';
import { attachDocument } from '@/features/documents/api/attach-document';
import { useDocument } from '@/features/documents/api/get-document';
import { DocumentPreview } from '@/features/documents/components/document-preview';
import { ExtractionReview } from '@/features/documents/components/extraction-review';
import { parseExtraction, type Extraction } from '@/features/documents/lib/extraction';
import { runInvoiceAction } from '@/features/supplier-invoices/api/invoice-actions';
import { CreateSupplierFromInvoice } from '@/features/supplier-invoices/components/create-supplier-from-invoice';
import { useCan } from '@/app/use-can';
import { SupplierInvoiceForm, type InvoiceDraft } from '@/features/supplier-invoices/components/supplier-invoice-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api-error';

import { backLinkClass, primaryLinkClass } from './shared';

/** What the invoice says about its issuer, for a new supplier. */
function issuerOf(extraction: Extraction) {
  const party = extraction.parties.supplier ?? {};
  const field = (name: string) => extraction.fields[name]?.value ?? undefined;
  const text = (value: string | null | undefined) => value ?? undefined;
  return {
    name: text(party.name) ?? field('supplier_name'),
    tax_id: text(party.vat_id) ?? text(party.tax_id) ?? field('supplier_tax_id'),
    iban: field('supplier_iban'),
    email: text(party.email) ?? field('supplier_email'),
    currency: field('currency'),
    line1: text(party.street),
    postal_code: text(party.postcode),
    city: text(party.city),
    country: text(party.country),
  };
}

function draftFrom(extraction: Extraction): InvoiceDraft {
  const value = (name: string) => extraction.fields[name]?.value ?? null;
  const supplierId = extraction.supplier?.supplier_id;
  return {
    supplier_id: typeof supplierId === 'number' ? supplierId : supplierId ? Number(supplierId) || null : null,
    supplier_name: value('supplier_name'),
    invoice_number: value('invoice_number'),
    invoice_date: value('invoice_date'),
    due_date: value('due_date'),
    po_number: value('po_number'),
    currency: value('currency'),
    subtotal: value('subtotal'),
    tax: value('tax'),
    total: value('total'),
    lines: extraction.line_items.map((line) => ({ description: line.description, quantity: line.quantity, unit_price: line.unit_price })),
  };
}

/** The document beside what was read from it; correct the fields, then enter the invoice. */
export default function SupplierInvoiceReviewRoute() {
  const { documentId = '' } = useParams();
  const id = Number(documentId);
  const document = useDocument(id);
  const navigate = useNavigate();
  const canCreateSupplier = useCan('supplier.create');
  useDocumentTitle(document.data ? `Review ${document.data.original_name}` : 'Review invoice');
  return (
    <>
      <p className="mb-2">
        <Link to="/supplier-invoices" className={backLinkClass}>
          ← Supplier invoices
        </Link>
      </p>
      <PageHeader title="Review the invoice" description={document.data?.original_name} />
      <QueryState query={document} what="the document">
        {(doc) => {
          const extraction = parseExtraction(doc.extraction);
          const draftInvoiceId = doc.attachments.find((a) => a.object_type === 'procurement.supplierinvoice')?.object_id;
          return (
            <div className="grid gap-6 xl:grid-cols-2">
              <Card title="Document" className="xl:sticky xl:top-4 xl:self-start">
                {doc.rendering ? (
                  <>
                    <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="einvoice-rendering">
                      The invoice as printed, sent inside the e-invoice {doc.original_name}.
                    </p>
                    <DocumentPreview downloadUrl={doc.rendering.url} contentType={doc.rendering.mime_type} name={doc.rendering.filename} />
                  </>
                ) : (
                  <DocumentPreview downloadUrl={doc.download_url} contentType={doc.content_type} name={doc.original_name} />
                )}
              </Card>
              <div className="space-y-6">
                {doc.status !== 'processed' || !extraction ? (
                  <Alert tone={doc.status === 'failed' ? 'error' : 'warning'}>
                    {doc.status === 'failed' ? `The document could not be read: ${doc.error}` : 'The document is still being read. This page updates when you reload it.'}
                  </Alert>
                ) : (
                  <Card title="Extracted fields">
                    <ExtractionReview document={doc} extraction={extraction} />
                  </Card>
                )}
                {extraction && doc.status === 'processed' && doc.supplier_ref === null ? (
                  <Card title="Create supplier from this invoice">
                    <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
                      The issuer of this invoice is not one of your suppliers. Check what the invoice says about it and create the supplier; the
                      draft invoice then belongs to it.
                    </p>
                    {canCreateSupplier ? (
                      <CreateSupplierFromInvoice documentId={doc.id} prefill={issuerOf(extraction)} />
                    ) : (
                      <p className="text-sm" data-testid="supplier-needed">
                        Suppliers are created by procurement: send them this page, or pick the supplier in the corrections above.
                      </p>
                    )}
                  </Card>
                ) : null}
                {draftInvoiceId ? (
                  <Card title="Draft invoice">
                    <p className="text-sm">
                      Procura entered a draft invoice from this document. Corrections above update it while it is a draft; check it, then run the
                      three-way match.
                    </p>
                    <Link to={`/supplier-invoices/${draftInvoiceId}`} className={`${primaryLinkClass} mt-3`}>
                      Open the draft invoice
                    </Link>
                  </Card>
                ) : (
                <Card title="Enter the invoice">
                  <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
                    No draft invoice could be made from the document yet (the supplier, number, date or totals are unclear). Correct the fields
                    above, or enter the invoice here.
                  </p>
                  <SupplierInvoiceForm
                    key={doc.corrected_at ?? 'original'}
                    draft={extraction ? draftFrom(extraction) : {}}
                    onCreated={async (invoice) => {
                      try {
                        await attachDocument(doc.id, 'procurement.supplierinvoice', invoice.id);
                      } catch (error) {
                        toast.error(`The invoice was created but the document is not attached: ${errorMessage(error)}`);
                      }
                      try {
                        const matched = await runInvoiceAction(invoice.id, 'match');
                        toast.success(
                          matched.status === 'matched'
                            ? `Invoice ${matched.invoice_number} created and matched.`
                            : `Invoice ${matched.invoice_number} created with ${matched.match_exceptions.length} match exception(s).`,
                        );
                      } catch (error) {
                        toast.error(`Invoice ${invoice.invoice_number} created, but the match did not run: ${errorMessage(error)}`);
                      }
                      void navigate(`/supplier-invoices/${invoice.id}`);
                    }}
                  />
                </Card>
                )}
              </div>
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
