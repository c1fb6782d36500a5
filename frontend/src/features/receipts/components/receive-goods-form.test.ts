import { describe, expect, it } from 'vitest';

import { ApiError } from '@/lib/api-error';

import { remapLineErrors } from './receive-goods-form';

describe('remapLineErrors', () => {
  it('moves errors of the sent lines back to the rows of the form', () => {
    // Rows 0 and 2 of the form were sent (row 1 was left empty), so the server's line 1 is row 2.
    const error = new ApiError({ status: 400, fieldErrors: { 'lines.1.rejection_reason': ['Give a reason.'], received_on: ['Bad date.'] } });
    const mapped = remapLineErrors(error, [0, 2]) as ApiError;
    expect(mapped).toBeInstanceOf(ApiError);
    expect(mapped.fieldErrors).toEqual({ 'lines.2.rejection_reason': ['Give a reason.'], received_on: ['Bad date.'] });
    expect(mapped.status).toBe(400);
  });

  it('leaves anything that is not an API error alone', () => {
    const error = new Error('offline');
    expect(remapLineErrors(error, [0])).toBe(error);
  });
});
