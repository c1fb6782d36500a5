import { describe, expect, it } from 'vitest';

import { ApiError } from './api-error';
import { rowErrorsFromFailure, summarizeImport } from './import-report';

describe('rowErrorsFromFailure', () => {
  it('reads a refused commit back into rows sorted by line', () => {
    const error = new ApiError({
      status: 400,
      code: 'import_invalid',
      fieldErrors: { '12.sku': ['Duplicate SKU.'], '3.list_price': ['Not a number.', 'Required.'] },
    });
    expect(rowErrorsFromFailure(error)).toEqual([
      { line: 3, field: 'list_price', message: 'Not a number.' },
      { line: 3, field: 'list_price', message: 'Required.' },
      { line: 12, field: 'sku', message: 'Duplicate SKU.' },
    ]);
  });

  it('ignores failures that are not row errors', () => {
    expect(rowErrorsFromFailure(new ApiError({ status: 415 }))).toBeNull();
    expect(rowErrorsFromFailure(new ApiError({ status: 400, fieldErrors: { file: ['Empty file.'] } }))).toBeNull();
  });
});

describe('summarizeImport', () => {
  it('counts what would happen', () => {
    expect(summarizeImport({ dry_run: true, rows: 4, created: 1, updated: 2, unchanged: 1, errors: [] })).toBe(
      '4 rows: 1 new, 2 updated, 1 unchanged',
    );
  });
});
