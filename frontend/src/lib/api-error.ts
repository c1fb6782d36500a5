import type { components } from '@/api/schema';

type Problem = components['schemas']['Problem'];

export type FieldErrors = Record<string, string[]>;

const NON_FIELD_KEY = 'non_field_errors';

const DEFAULT_CODES: Record<number, string> = {
  0: 'network_error',
  400: 'invalid',
  401: 'not_authenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'too_large',
  415: 'unsupported_media_type',
  422: 'rule_violated',
  429: 'throttled',
};

/** An API failure in one shape, whatever the server (or the network) sent. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: FieldErrors;
  readonly nonFieldErrors: string[];
  /** Seconds the server asked us to wait (429 Retry-After), when given. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code?: string | undefined;
    title?: string | undefined;
    detail?: string | undefined;
    fieldErrors?: FieldErrors | undefined;
    nonFieldErrors?: string[] | undefined;
    retryAfterSeconds?: number | null | undefined;
  }) {
    const title = init.title ?? defaultTitle(init.status);
    super(init.detail || title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code ?? DEFAULT_CODES[init.status] ?? 'error';
    this.title = title;
    this.detail = init.detail ?? '';
    this.fieldErrors = init.fieldErrors ?? {};
    this.nonFieldErrors = init.nonFieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** The sentence to show a person when no field-level message applies. */
  get userMessage(): string {
    return this.nonFieldErrors[0] ?? (this.detail || this.title);
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

function defaultTitle(status: number): string {
  if (status === 0) return 'The server could not be reached. Check your connection and try again.';
  if (status >= 500) return 'Something went wrong on the server. Please try again.';
  return 'The request failed.';
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError({ status: 0 });
  (error as { cause?: unknown }).cause = cause;
  return error;
}

export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function splitErrors(errors: unknown): { fieldErrors: FieldErrors; nonFieldErrors: string[] } {
  const fieldErrors: FieldErrors = {};
  let nonFieldErrors: string[] = [];
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
    for (const [field, messages] of Object.entries(errors)) {
      const list = isStringList(messages) ? messages : typeof messages === 'string' ? [messages] : [];
      if (list.length === 0) continue;
      if (field === NON_FIELD_KEY) nonFieldErrors = list;
      else fieldErrors[field] = list;
    }
  }
  return { fieldErrors, nonFieldErrors };
}

/** Reads a failed response (problem+json, plain JSON or anything else) into an ApiError. */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  let body: unknown = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return new ApiError({ status: response.status, retryAfterSeconds });
  }
  const problem = body as Partial<Problem> & Record<string, unknown>;
  const looksLikeProblem = 'title' in problem || 'detail' in problem || 'errors' in problem;
  // A bare DRF validation body ({"field": ["msg"]}) is read as field errors too.
  const { fieldErrors, nonFieldErrors } = splitErrors(looksLikeProblem ? problem.errors : problem);
  return new ApiError({
    status: response.status,
    code: typeof problem.code === 'string' ? problem.code : undefined,
    title: typeof problem.title === 'string' ? problem.title : undefined,
    detail: typeof problem.detail === 'string' ? problem.detail : undefined,
    fieldErrors,
    nonFieldErrors,
    retryAfterSeconds,
  });
}

/** A sentence for any failure, for list error states and toasts. */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  if (isApiError(error)) {
    if (error.status === 0 || error.status >= 500) return error.title;
    if (error.status === 403) return error.detail || 'Your role does not allow this.';
    const fieldText = Object.entries(error.fieldErrors)
      .map(([field, messages]) => `${field.replace(/_/g, ' ')}: ${messages.join(' ')}`)
      .join(' ');
    return error.nonFieldErrors[0] ?? (error.detail || fieldText || error.title);
  }
  return fallback;
}
