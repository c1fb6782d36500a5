import { z } from 'zod';

/*
 * Money, prices and quantities travel as decimal strings and are never turned into floats in the
 * browser. These schemas check the text only; the server computes.
 */

function pattern(places: number, signed: boolean): RegExp {
  return new RegExp(`^${signed ? '-?' : ''}\\d+(\\.\\d{1,${places}})?$`);
}

export function isDecimal(value: string, places = 4, signed = false): boolean {
  return pattern(places, signed).test(value.trim());
}

/** "12", "12.5" or "-3.250": up to `places` decimals, trimmed. */
export function decimalString({
  places = 2,
  signed = false,
  nonZero = false,
  label = 'a number',
}: { places?: number; signed?: boolean; nonZero?: boolean; label?: string } = {}) {
  return z
    .string()
    .trim()
    .min(1, 'Required.')
    .refine((value) => pattern(places, signed).test(value), {
      message: `Enter ${label} with up to ${places} decimals${signed ? '' : ' (no minus sign)'}.`,
    })
    .refine((value) => !nonZero || !/^-?0*(\.0*)?$/.test(value), { message: 'Must not be zero.' });
}

/** The same, but empty is allowed (and sent as nothing). */
export function optionalDecimalString(options: { places?: number; label?: string } = {}) {
  return z.union([z.literal(''), decimalString(options)]);
}
