import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { PeriodReport } from '../api/get-reports';
import { CompanyCurrencyTotal } from './reports-page';

function report(rows: Array<[string, string, string | null]>): PeriodReport {
  return {
    start: '2026-01-01',
    end: '2027-01-01',
    by: 'month',
    company_currency: 'USD',
    rows: rows.map(([currency, total, total_company], index) => ({ key: String(index), name: `Row ${index}`, currency, total, total_company, orders: 1 })),
  };
}

describe('CompanyCurrencyTotal', () => {
  it('adds every currency in the company currency and names those without a rate', () => {
    render(<CompanyCurrencyTotal label="Committed" report={report([['USD', '100.00', '100.00'], ['EUR', '50.00', '60.00'], ['GBP', '10.00', null]])} />);

    const line = screen.getByLabelText('Committed in the company currency');
    expect(line.textContent).toContain('160.00');
    expect(line.textContent).toContain('not included, no rate: GBP');
  });

  it('says nothing when everything is already in the company currency', () => {
    const { container } = render(<CompanyCurrencyTotal label="Committed" report={report([['USD', '100.00', '100.00']])} />);

    expect(container.textContent).toBe('');
  });
});
