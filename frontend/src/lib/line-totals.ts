/*
 * Live totals for the request form, for display only: the server computes the real ones. The
 * arithmetic runs on scaled integers (BigInt), never on floats, and rounds half-up per line to
 * cents as the server does.
 */

const DECIMAL_RE = /^\d+(\.\d+)?$/;

/** "12.345" -> { units: 12345n, scale: 3 }; null when not a plain non-negative decimal. */
function parse(value: string): { units: bigint; scale: number } | null {
  const text = value.trim();
  if (!DECIMAL_RE.test(text)) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

function roundToCents(units: bigint, scale: number): bigint {
  if (scale <= 2) return units * 10n ** BigInt(2 - scale);
  const divisor = 10n ** BigInt(scale - 2);
  const quotient = units / divisor;
  return units % divisor >= divisor / 2n + (divisor % 2n) ? quotient + 1n : quotient;
}

function centsToString(cents: bigint): string {
  const text = cents.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** quantity × unit price rounded half-up to cents, or null while either is incomplete. */
export function lineTotal(quantity: string, unitPrice: string): string | null {
  const q = parse(quantity);
  const p = parse(unitPrice);
  if (!q || !p) return null;
  return centsToString(roundToCents(q.units * p.units, q.scale + p.scale));
}

/** The sum of the lines that can be computed; lines still being typed count as zero. */
export function linesTotal(lines: ReadonlyArray<{ quantity: string; estimated_unit_price: string }>): string {
  let cents = 0n;
  for (const line of lines) {
    const total = lineTotal(line.quantity, line.estimated_unit_price);
    if (total !== null) cents += BigInt(total.replace('.', ''));
  }
  return centsToString(cents);
}
