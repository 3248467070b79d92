/**
 * Exact money arithmetic for the reference metrics. Costs arrive as JavaScript numbers; each is
 * read as the decimal it prints as (6.125 is 6.125, not the nearest double), sums and products
 * are exact, and only the final value is rounded to cents, half away from zero, as Postgres
 * `round(numeric, 2)` does.
 */

/** value = units / 10^scale */
export interface Decimal {
  units: bigint;
  scale: number;
}

const TEN = BigInt(10);

export function pow10(exponent: number): bigint {
  return TEN ** BigInt(exponent);
}

/** The exact decimal that `String(value)` prints, e.g. 0.35 → { units: 35n, scale: 2 }. */
export function decimalOf(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  const [mantissa, exponentText] = String(value).split("e");
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const negative = mantissa.startsWith("-");
  const [whole, fraction = ""] = mantissa.replace("-", "").split(".");
  let units = BigInt(whole + fraction);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return { units: negative ? -units : units, scale };
}

function atScale(value: Decimal, scale: number): bigint {
  return value.units * pow10(scale - value.scale);
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: atScale(a, scale) + atScale(b, scale), scale };
}

export function subtractDecimals(a: Decimal, b: Decimal): Decimal {
  return addDecimals(a, { units: -b.units, scale: b.scale });
}

export const ZERO: Decimal = { units: BigInt(0), scale: 0 };

/** numerator / denominator rounded to the nearest integer, halves away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= BigInt(0)) throw new RangeError("denominator must be positive");
  const two = BigInt(2);
  const magnitude = (two * (numerator < 0 ? -numerator : numerator) + denominator) / (two * denominator);
  return numerator < 0 ? -magnitude : magnitude;
}

/** numerator / denominator as an amount rounded to cents (a number such as 12.35). */
export function centsOf(numerator: bigint, denominator: bigint): number {
  return Number(divideRounded(numerator * BigInt(100), denominator)) / 100;
}

export function decimalToCents(value: Decimal): number {
  return centsOf(value.units, pow10(value.scale));
}

export function sumDecimals(values: readonly Decimal[]): Decimal {
  return values.reduce(addDecimals, ZERO);
}
