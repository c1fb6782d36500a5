import { describe, expect, it } from 'vitest';

import { fieldConfidence, parseExtraction } from './extraction';

const raw = {
  fields: {
    invoice_number: { value: 'INV-1', confidence: 0.9, source: 'label' },
    total: { value: '90.00', confidence: 0.4, source: 'pattern' },
    po_number: { value: null, confidence: 0, source: 'missing' },
    tax: { value: '0.00', confidence: 0.3, source: 'correction' },
  },
  line_items: [{ description: 'Brisket', quantity: '2', unit_price: '45', amount: '90.00', confidence: 0.9 }],
  low_confidence_fields: ['total'],
};

describe('extraction', () => {
  it('parses what the server stores and refuses anything else', () => {
    expect(parseExtraction(raw)?.line_items).toHaveLength(1);
    expect(parseExtraction(null)).toBeNull();
    expect(parseExtraction({ fields: 'nope' })).toBeNull();
  });

  it('flags missing and low-confidence fields, trusting corrections', () => {
    const extraction = parseExtraction(raw)!;
    expect(fieldConfidence(extraction, 'invoice_number')).toBe('ok');
    expect(fieldConfidence(extraction, 'total')).toBe('low');
    expect(fieldConfidence(extraction, 'po_number')).toBe('missing');
    expect(fieldConfidence(extraction, 'due_date')).toBe('missing');
    expect(fieldConfidence(extraction, 'tax')).toBe('ok');
  });
});
