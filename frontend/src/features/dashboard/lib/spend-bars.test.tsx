import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { SpendChart } from '../components/spend-chart';

import { spendBars, type SpendRowInput } from './spend-bars';

const dept = (id: number, name: string) => ({ id, code: `D${id}`, name });
const row = (department: SpendRowInput['department'], currency: string, total: string, orders = 1): SpendRowInput => ({
  department,
  currency,
  total,
  orders,
});

describe('spendBars', () => {
  it('scales each currency to its own largest total, largest first, exactly from decimals', () => {
    const groups = spendBars([
      row(dept(1, 'Meat'), 'USD', '250.00'),
      row(dept(2, 'Logistics'), 'USD', '1000.00', 3),
      row(null, 'USD', '333.33'),
      row(dept(1, 'Meat'), 'CAD', '10.00'),
    ]);
    expect(groups.map((g) => g.currency)).toEqual(['USD', 'CAD']);
    expect(groups[0]?.bars.map((b) => [b.label, b.percent])).toEqual([
      ['Logistics', 100],
      ['Unassigned', 33.3],
      ['Meat', 25],
    ]);
    expect(groups[1]?.bars.map((b) => [b.label, b.percent])).toEqual([['Meat', 100]]);
  });

  it('keeps tiny spend visible and zero spend empty', () => {
    const [group] = spendBars([row(dept(1, 'Meat'), 'USD', '100000.00'), row(dept(2, 'Office'), 'USD', '0.01'), row(dept(3, 'Idle'), 'USD', '0.00')]);
    expect(group?.bars.map((b) => b.percent)).toEqual([100, 1, 0]);
  });

  it('returns no groups when nothing was ordered', () => {
    expect(spendBars([])).toEqual([]);
  });
});

describe('SpendChart', () => {
  it('labels every bar with its department, formatted amount and order count', () => {
    const groups = spendBars([row(dept(2, 'Logistics'), 'USD', '1000.00', 3), row(null, 'USD', '500.00')]);
    render(<SpendChart groups={groups} month="2026-11" />);

    const bars = screen.getAllByRole('meter');
    expect(bars).toHaveLength(2);
    expect(bars[0]).toHaveAccessibleName('Logistics: $1,000.00, 3 orders');
    expect(bars[0]).toHaveAttribute('aria-valuenow', '100');
    expect(bars[1]).toHaveAccessibleName('Unassigned: $500.00, 1 order');
    expect(bars[1]).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByText('Spend by department in USD for 2026-11')).toBeInTheDocument();
  });

  it('says so when nothing was issued this month', () => {
    render(<SpendChart groups={[]} month="2026-11" />);
    expect(screen.getByText('No purchase orders issued this month yet.')).toBeInTheDocument();
  });
});
