import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

import { isApiError } from './api-error';

export const GENERIC_SAVE_FAILURE = 'Saving failed. Please try again.';

/**
 * Which of the API's error paths a form shows next to a field. A path is the API's key, dotted
 * for nested input ("items.0.quantity"); `fields` lists the form's top-level field names and a
 * nested path belongs to the form when its first segment does.
 */
export function isFormPath(path: string, fields: readonly string[]): boolean {
  const head = path.split('.')[0] ?? path;
  return fields.includes(path) || fields.includes(head);
}

export interface PlacedErrors {
  /** Errors to put on fields: path -> one message. */
  fieldErrors: Array<[string, string]>;
  /** What the form says above its fields (non-field errors and errors for unknown fields). */
  formMessage: string | null;
}

/** Splits a failure into field messages and a form-level message. Pure, for testing. */
export function placeApiErrors(error: unknown, fields: readonly string[], rename: Record<string, string> = {}): PlacedErrors {
  if (!isApiError(error)) return { fieldErrors: [], formMessage: GENERIC_SAVE_FAILURE };
  const fieldErrors: Array<[string, string]> = [];
  const other: string[] = [...error.nonFieldErrors];
  for (const [rawPath, messages] of Object.entries(error.fieldErrors)) {
    const path = renamePath(rawPath, rename);
    const message = messages.join(' ');
    if (isFormPath(path, fields) && !path.endsWith('.non_field_errors')) fieldErrors.push([path, message]);
    else other.push(path.endsWith('non_field_errors') ? message : `${humanize(path)}: ${message}`);
  }
  let formMessage: string | null = other.length > 0 ? other.join(' ') : null;
  if (fieldErrors.length === 0 && !formMessage) {
    formMessage = error.status === 0 || error.status >= 500 ? error.title : error.userMessage || GENERIC_SAVE_FAILURE;
  }
  return { fieldErrors, formMessage };
}

function renamePath(path: string, rename: Record<string, string>): string {
  const [head, ...rest] = path.split('.');
  const mapped = head !== undefined ? (rename[head] ?? head) : path;
  return [mapped, ...rest].join('.');
}

function humanize(path: string): string {
  return path
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : part.replace(/_/g, ' ')))
    .join(' ');
}

/**
 * Puts an API failure on a React Hook Form: field errors next to their fields (focusing the
 * first), anything else in `root.server`. Values the person typed are left alone.
 */
export function applyApiErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  rename?: Record<string, string>,
): PlacedErrors {
  const placed = placeApiErrors(error, fields, rename);
  placed.fieldErrors.forEach(([path, message], index) => {
    setError(path as Path<T>, { type: 'server', message }, { shouldFocus: index === 0 });
  });
  if (placed.formMessage) setError('root.server' as Path<T>, { type: 'server', message: placed.formMessage });
  return placed;
}
