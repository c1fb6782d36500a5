/** At or below the reorder point (no point set: never low). Compares decimal strings exactly. */
export function isLow(level: { available: string; reorder_point: string | null }): boolean {
  if (level.reorder_point === null) return false;
  return compareDecimal(level.available, level.reorder_point) <= 0;
}

/** Compares two decimal strings without floats: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const parse = (value: string) => {
    const negative = value.trim().startsWith('-');
    const [int = '0', frac = ''] = value.trim().replace(/^[-+]/, '').split('.');
    return { negative, int: int.replace(/^0+(?=\d)/, ''), frac };
  };
  const x = parse(a);
  const y = parse(b);
  const width = Math.max(x.frac.length, y.frac.length);
  const digits = (v: { int: string; frac: string }) => v.int + v.frac.padEnd(width, '0');
  const xs = digits(x).replace(/^0+(?=\d)/, '');
  const ys = digits(y).replace(/^0+(?=\d)/, '');
  const xZero = /^0*$/.test(xs);
  const yZero = /^0*$/.test(ys);
  const xNeg = x.negative && !xZero;
  const yNeg = y.negative && !yZero;
  if (xNeg !== yNeg) return xNeg ? -1 : 1;
  const magnitude = xs.length !== ys.length ? (xs.length < ys.length ? -1 : 1) : xs < ys ? -1 : xs > ys ? 1 : 0;
  return xNeg ? -magnitude : magnitude;
}
