import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/testing/render';

import type { DocumentDetail } from '../api/get-document';
import { extractionSchema } from '../lib/extraction';
import { ExtractionReview } from './extraction-review';

const EXTRACTION = extractionSchema.parse({ fields: { invoice_number: { value: 'INV-4711', confidence: 0.95 } } });

function documentWith(source: DocumentDetail['source']): DocumentDetail {
  return { id: 42, source } as DocumentDetail;
}

describe('ExtractionReview', () => {
  it('says when and from whom a document came by e-mail', () => {
    renderWithProviders(
      <ExtractionReview
        document={documentWith({
          channel: 'email',
          from_address: 'billing@northpack.example',
          from_name: 'North Pack',
          subject: 'Invoice 4711',
          date: '2026-03-02T09:30:00Z',
          message_id: '<a@northpack.example>',
        })}
        extraction={EXTRACTION}
      />,
    );
    const note = screen.getByTestId('email-source');
    expect(note).toHaveTextContent('Received by e-mail from North Pack <billing@northpack.example>');
    expect(note).toHaveTextContent('“Invoice 4711”');
  });

  it('says nothing of e-mail for an upload', () => {
    renderWithProviders(<ExtractionReview document={documentWith(null)} extraction={EXTRACTION} />);
    expect(screen.queryByTestId('email-source')).not.toBeInTheDocument();
  });

  it('shows the invoice a credit note credits, and lists it when the note names none', () => {
    const named = extractionSchema.parse({
      kind: 'credit_note',
      fields: { invoice_number: { value: 'CN-2291', confidence: 0.95 }, credited_invoice_number: { value: 'PD-118840', confidence: 0.87 } },
    });
    const { unmount } = renderWithProviders(<ExtractionReview document={documentWith(null)} extraction={named} />);
    expect(screen.getByTestId('credit-note')).toBeInTheDocument();
    expect(screen.getByLabelText('Credited invoice')).toHaveValue('PD-118840');
    unmount();

    const unnamed = extractionSchema.parse({ kind: 'credit_note', fields: {}, missing_fields: ['credited_invoice_number'] });
    renderWithProviders(<ExtractionReview document={documentWith(null)} extraction={unnamed} />);
    expect(screen.getByText(/Not found on the document: .*Credited invoice/)).toBeInTheDocument();
  });

  it('does not ask an invoice for the invoice it credits', () => {
    renderWithProviders(<ExtractionReview document={documentWith(null)} extraction={EXTRACTION} />);
    expect(screen.queryByLabelText('Credited invoice')).not.toBeInTheDocument();
  });

  it("marks the values read by what the supplier's earlier invoices taught", () => {
    const extraction = extractionSchema.parse({
      fields: {
        invoice_number: { value: 'KV-20533', confidence: 0.9, source: 'hint' },
        total: { value: '1176.00', confidence: 0.93, source: 'label' },
      },
    });
    renderWithProviders(<ExtractionReview document={documentWith(null)} extraction={extraction} />);
    const number = screen.getByLabelText('Invoice number').closest('[data-confidence]') as HTMLElement;
    expect(number).toHaveTextContent('Learned');
    const total = screen.getByLabelText('Total').closest('[data-confidence]') as HTMLElement;
    expect(total).not.toHaveTextContent('Learned');
    expect(screen.getByTestId('learned-note')).toHaveTextContent('Reading hints');
  });
});
