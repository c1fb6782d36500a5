import type { Extraction } from '@/features/documents/lib/extraction';

type Finding = NonNullable<Extraction['einvoice']>['findings'][number];

function FindingList({ findings, tone }: { findings: Finding[]; tone: 'error' | 'warning' }) {
  return (
    <ul className={tone === 'error' ? 'ml-4 list-disc text-red-800 dark:text-red-300' : 'ml-4 list-disc text-amber-900 dark:text-amber-200'}>
      {findings.map((finding) => (
        <li key={`${finding.where}-${finding.message}`}>
          <span className="font-medium">{finding.where}</span>: {finding.message}
        </li>
      ))}
    </ul>
  );
}

/** What the structured e-invoice in the file says beyond its fields: whether it was used, every
 * finding of its checks (errors and warnings, each with where), its signature, credit note,
 * payment terms and tax exemptions. */
export function EInvoiceReport({ extraction }: { extraction: Extraction }) {
  const einvoice = extraction.einvoice;
  const credit = extraction.kind === 'credit_note';
  if (!einvoice) return credit ? <CreditNote /> : null;
  const used = extraction.source === 'e-invoice';
  const errors = einvoice.findings.filter((finding) => finding.severity === 'error');
  const warnings = einvoice.findings.filter((finding) => finding.severity !== 'error');
  const exemptions = (einvoice.tax_breakdown ?? []).filter((row) => row.exemption_reason || row.exemption_code);
  return (
    <div className="space-y-2 text-sm" data-testid="einvoice-report">
      {used ? (
        <p className="text-emerald-800 dark:text-emerald-300" data-testid="einvoice-source">
          Read from the structured e-invoice inside the file ({einvoice.syntax}, {einvoice.profile}): every value is as the supplier sent it.
          {einvoice.batch ? ` The file holds ${einvoice.batch} invoices; this is the first, each of the others is a document of its own.` : ''}
        </p>
      ) : null}
      {credit ? <CreditNote /> : null}
      {einvoice.signature ? (
        <p data-testid="einvoice-signature">
          {einvoice.signature.intact === false
            ? 'Signed, but the file was changed after signing: do not rely on it.'
            : einvoice.signature.intact
              ? `Signed${einvoice.signature.signer ? ` by ${einvoice.signature.signer}` : ''}; the content is what was signed. The signer's certificate is not checked, so the signature is not verified.`
              : 'Signed; the signature is not verified.'}
        </p>
      ) : null}
      {errors.length > 0 ? (
        <div role="note" data-testid="einvoice-errors">
          {used
            ? 'The e-invoice breaks these rules: check every field against the supplier before entering it.'
            : 'The e-invoice inside the file is not valid, so the fields were read from the page:'}
          <FindingList findings={errors} tone="error" />
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <details data-testid="einvoice-warnings" open={errors.length === 0}>
          <summary className="cursor-pointer text-amber-900 dark:text-amber-200">
            {warnings.length === 1 ? 'One warning' : `${warnings.length} warnings`} from the e-invoice checks
          </summary>
          <FindingList findings={warnings} tone="warning" />
        </details>
      ) : null}
      {used && einvoice.payment_terms ? <p>Payment terms: {einvoice.payment_terms}</p> : null}
      {used && exemptions.length > 0 ? (
        <ul className="ml-4 list-disc" aria-label="Tax exemptions">
          {exemptions.map((row) => (
            <li key={`${row.category}-${row.rate}-${row.exemption_code}`}>
              VAT {row.category} on {row.basis}: {row.exemption_reason ?? row.exemption_code}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function CreditNote() {
  return (
    <p className="font-medium text-sky-900 dark:text-sky-200" data-testid="credit-note">
      This is a credit note: the supplier owes this amount to us.
    </p>
  );
}
