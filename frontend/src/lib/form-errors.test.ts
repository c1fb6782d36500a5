import { describe, expect, it, vi } from 'vitest';

import { ApiError } from './api-error';
import { applyApiErrors, GENERIC_SAVE_FAILURE, placeApiErrors } from './form-errors';

describe('placeApiErrors', () => {
  it('puts known fields and dotted paths on fields, the rest above the form', () => {
    const error = new ApiError({
      status: 400,
      fieldErrors: {
        sku: ['A product with this SKU exists.'],
        'addresses.0.country': ['Use a two-letter code.'],
        warehouse_code: ['Unknown.'],
      },
      nonFieldErrors: ['Check the highlighted fields.'],
    });
    const placed = placeApiErrors(error, ['sku', 'addresses']);
    expect(placed.fieldErrors).toEqual([
      ['sku', 'A product with this SKU exists.'],
      ['addresses.0.country', 'Use a two-letter code.'],
    ]);
    expect(placed.formMessage).toBe('Check the highlighted fields. warehouse code: Unknown.');
  });

  it('labels nested unknown paths readably', () => {
    const error = new ApiError({ status: 400, fieldErrors: { 'items.0.quantity': ['Must be positive.'] } });
    expect(placeApiErrors(error, ['name']).formMessage).toBe('items #1 quantity: Must be positive.');
  });

  it('uses the problem detail when nothing is field-specific', () => {
    const error = new ApiError({ status: 409, detail: 'The category cannot move into its own subtree.' });
    expect(placeApiErrors(error, ['name'])).toEqual({
      fieldErrors: [],
      formMessage: 'The category cannot move into its own subtree.',
    });
  });

  it('renames API fields to form fields', () => {
    const error = new ApiError({ status: 400, fieldErrors: { parent: ['Not allowed.'] } });
    expect(placeApiErrors(error, ['parentId'], { parent: 'parentId' }).fieldErrors).toEqual([['parentId', 'Not allowed.']]);
  });

  it('falls back to a generic sentence for non-API failures', () => {
    expect(placeApiErrors(new Error('boom'), ['name']).formMessage).toBe(GENERIC_SAVE_FAILURE);
  });
});

describe('applyApiErrors', () => {
  it('sets field errors, focusing the first, and the root message', () => {
    const setError = vi.fn();
    applyApiErrors(
      new ApiError({ status: 400, fieldErrors: { name: ['Required.'], 'items.1.quantity': ['Too many.'] }, nonFieldErrors: ['Nope.'] }),
      setError,
      ['name', 'items'],
    );
    expect(setError).toHaveBeenCalledWith('name', { type: 'server', message: 'Required.' }, { shouldFocus: true });
    expect(setError).toHaveBeenCalledWith('items.1.quantity', { type: 'server', message: 'Too many.' }, { shouldFocus: false });
    expect(setError).toHaveBeenCalledWith('root.server', { type: 'server', message: 'Nope.' });
  });
});
