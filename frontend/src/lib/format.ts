/*
 * Display formatting in the user's locale. Money arrives as a decimal string with an ISO 4217
 * code; it is never turned into a float. Intl.NumberFormat formats decimal strings exactly.
 */

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

export function userLocale(): string | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return navigator.languages?.[0] ?? navigator.language;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** "1234.5", "EUR" -> "€1,234.50" (en) / "1.234,50 €" (de). Invalid input is shown as given. */
export function formatMoney(amount: string, currency: string, locale: string | undefined = userLocale()): string {
  const value = amount.trim();
  if (!DECIMAL_RE.test(value)) return amount;
  try {
    return numberFormat(locale, { style: 'currency', currency }).format(value as Intl.StringNumericLiteral);
  } catch {
    return `${value} ${currency}`;
  }
}

/**
 * A unit price, which carries up to 4 decimals: "4.2550", "USD" -> "$4.255"; at least the
 * currency's own decimals ("$4.25"), so a price variance of a tenth of a cent is not rounded away.
 */
export function formatPrice(amount: string, currency: string, locale: string | undefined = userLocale()): string {
  const value = amount.trim();
  if (!DECIMAL_RE.test(value)) return amount;
  try {
    return numberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 4 }).format(value as Intl.StringNumericLiteral);
  } catch {
    return `${value} ${currency}`;
  }
}

/** Quantities keep up to 3 decimals and drop trailing zeros: "12.500" -> "12.5". */
export function formatQuantity(quantity: string, unit?: string, locale: string | undefined = userLocale()): string {
  const value = quantity.trim();
  if (!DECIMAL_RE.test(value)) return quantity;
  const text = numberFormat(locale, { maximumFractionDigits: 3 }).format(value as Intl.StringNumericLiteral);
  return unit ? `${text} ${unit}` : text;
}

// A bare date ("2026-03-01") is a calendar day, not a UTC instant: build it in local time so it
// does not shift by a day west of Greenwich.
function parseDate(value: string): Date | null {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) {
    const [, y, m, d] = dateOnly;
    return new Date(Number(y), Number(m) - 1, Number(d));
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(value: string, locale: string | undefined = userLocale()): string {
  const date = parseDate(value);
  return date ? dateFormat(locale, { dateStyle: 'medium' }).format(date) : value;
}

export function formatDateTime(value: string, locale: string | undefined = userLocale()): string {
  const date = parseDate(value);
  return date ? dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date) : value;
}
