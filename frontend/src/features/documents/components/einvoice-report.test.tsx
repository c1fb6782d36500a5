import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/testing/render';

import { extractionSchema } from '../lib/extraction';
import { EInvoiceReport } from './einvoice-report';

function extraction(einvoice: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return extractionSchema.parse({
    fields: {},
    source: 'e-invoice',
    einvoice: { valid: true, syntax: 'UBL', profile: 'en16931', findings: [], ...einvoice },
    ...extra,
  });
}

describe('EInvoiceReport', () => {
  it('lists the warnings of a usable e-invoice with where each applies', () => {
    renderWithProviders(
      <EInvoiceReport
        extraction={extraction({
          syntax: 'FatturaPA',
          profile: 'FPA12',
          findings: [{ where: 'CedentePrestatore IdFiscaleIVA', message: 'The partita IVA 01234567890 fails its check digit.', severity: 'warning' }],
        })}
      />,
    );
    expect(screen.getByTestId('einvoice-source')).toHaveTextContent('FatturaPA');
    const warnings = screen.getByTestId('einvoice-warnings');
    expect(warnings).toHaveTextContent('One warning');
    expect(within(warnings).getByText('CedentePrestatore IdFiscaleIVA')).toBeInTheDocument();
    expect(warnings).toHaveTextContent('fails its check digit');
    expect(screen.queryByTestId('einvoice-errors')).not.toBeInTheDocument();
  });

  it('says the fields came from the page when the e-invoice is not valid', () => {
    renderWithProviders(
      <EInvoiceReport
        extraction={extraction(
          { valid: false, findings: [{ where: 'BR-CO-15', message: 'Amount without tax plus tax is not the total.', severity: 'error' }] },
          { source: 'visual' },
        )}
      />,
    );
    const errors = screen.getByTestId('einvoice-errors');
    expect(errors).toHaveTextContent('read from the page');
    expect(errors).toHaveTextContent('BR-CO-15: Amount without tax plus tax is not the total.');
    expect(screen.queryByTestId('einvoice-source')).not.toBeInTheDocument();
  });

  it('names a credit note, the signature, the payment terms and tax exemptions', () => {
    renderWithProviders(
      <EInvoiceReport
        extraction={extraction(
          {
            signature: { signer: 'Common Name: Mario Rossi', intact: true, verified: false, problems: [] },
            payment_terms: 'Net 30 days',
            tax_breakdown: [
              { category: 'E', rate: '0', basis: '250.00', tax: '0.00', exemption_reason: 'Exempt: veterinary fee', exemption_code: null },
              { category: 'S', rate: '15', basis: '100.00', tax: '15.00', exemption_reason: null, exemption_code: null },
            ],
          },
          { kind: 'credit_note' },
        )}
      />,
    );
    expect(screen.getByTestId('credit-note')).toHaveTextContent('credit note');
    expect(screen.getByTestId('einvoice-signature')).toHaveTextContent('not verified');
    expect(screen.getByText('Payment terms: Net 30 days')).toBeInTheDocument();
    const exemptions = screen.getByRole('list', { name: 'Tax exemptions' });
    expect(within(exemptions).getAllByRole('listitem')).toHaveLength(1);
    expect(exemptions).toHaveTextContent('VAT E on 250.00: Exempt: veterinary fee');
  });
});
