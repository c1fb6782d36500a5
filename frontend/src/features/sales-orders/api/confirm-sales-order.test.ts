import { afterEach, describe, expect, it, vi } from 'vitest';

import { ApiError } from '@/lib/api-error';
import { installFakeFetch, json } from '@/testing/fake-fetch';

import { describeConfirmError } from './confirm-sales-order';
import type { SalesOrder } from './get-sales-order';

const order = {
  id: 7,
  location: 2,
  lines: [
    { line_no: 1, product: 'p-1', sku: 'BEEF-1', quantity: '10.000' },
    { line_no: 2, product: 'p-2', sku: 'PORK-2', quantity: '3.000' },
  ],
} as unknown as SalesOrder;

describe('describeConfirmError', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the lines that are short, from the stock at the order location', async () => {
    // Asked once per product, in line order: 4 brisket available (10 ordered), 5 pork (3 ordered).
    installFakeFetch({ 'GET /api/v1/stock-levels/': (_request, index) => json({ count: 1, results: [{ available: index === 0 ? '4.000' : '5.000' }] }) });
    const error = new ApiError({ status: 409, code: 'insufficient_stock', detail: '1 line(s) cannot be reserved at CS-CHI.' });
    const problem = await describeConfirmError(error, order);
    expect(problem.kind).toBe('short-stock');
    expect(problem.message).toBe('1 line(s) cannot be reserved at CS-CHI.');
    if (problem.kind !== 'short-stock') return;
    expect(problem.lines).toEqual([{ line_no: 1, sku: 'BEEF-1', requested: '10.000', available: '4' }]);
  });

  it('explains a credit-limit refusal with the server figures', async () => {
    const error = new ApiError({ status: 409, code: 'credit_limit_exceeded', detail: 'Credit limit of 75000.00 USD exceeded: open receivables 74000 plus this order 2000 make 76000.' });
    expect(await describeConfirmError(error, order)).toEqual({ kind: 'credit-limit', message: error.detail });
  });

  it('passes any other refusal on as a sentence', async () => {
    const error = new ApiError({ status: 409, code: 'illegal_transition', detail: 'A confirmed order cannot be confirmed.' });
    expect(await describeConfirmError(error, order)).toEqual({ kind: 'other', message: 'A confirmed order cannot be confirmed.' });
    expect(await describeConfirmError(new Error('boom'), order)).toEqual({ kind: 'other', message: 'The order could not be confirmed.' });
  });
});
