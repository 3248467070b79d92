import { describe, expect, test } from "vitest";
import { centsOf, decimalOf, decimalToCents, divideRounded, subtractDecimals, sumDecimals } from "@/lib/metrics/money";

describe("decimalOf", () => {
  test("reads a number as the decimal it prints as", () => {
    expect(decimalOf(0.35)).toEqual({ units: 35n, scale: 2 });
    expect(decimalOf(6.5)).toEqual({ units: 65n, scale: 1 });
    expect(decimalOf(-1.005)).toEqual({ units: -1005n, scale: 3 });
    expect(decimalOf(12)).toEqual({ units: 12n, scale: 0 });
    expect(decimalOf(1e-7)).toEqual({ units: 1n, scale: 7 });
    expect(decimalOf(1.5e21)).toEqual({ units: 1_500_000_000_000_000_000_000n, scale: 0 });
  });

  test("refuses what is not a finite amount", () => {
    expect(() => decimalOf(Number.NaN)).toThrow(RangeError);
    expect(() => decimalOf(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("rounding to cents", () => {
  test("rounds halves away from zero, like Postgres round(numeric, 2)", () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(7n, 3n)).toBe(2n);
    expect(divideRounded(-7n, 3n)).toBe(-2n);
    expect(divideRounded(0n, 3n)).toBe(0n);
  });

  test("is exact where doubles are not: 1.005 is 1.01, and 6.5 − 0.35 is 6.15", () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1); // the double trap this module avoids
    expect(decimalToCents(decimalOf(1.005))).toBe(1.01);
    expect(decimalToCents(decimalOf(-1.005))).toBe(-1.01);
    expect(decimalToCents(subtractDecimals(decimalOf(6.5), decimalOf(0.35)))).toBe(6.15);
  });

  test("sums exactly before rounding once", () => {
    const thirdOfCent = { units: 1n, scale: 3 }; // 0.001
    expect(decimalToCents(sumDecimals([thirdOfCent, thirdOfCent, thirdOfCent, thirdOfCent, thirdOfCent]))).toBe(0.01);
    expect(decimalToCents(sumDecimals(Array.from({ length: 10 }, () => decimalOf(0.1))))).toBe(1);
    expect(centsOf(1n, 3n)).toBe(0.33);
    expect(centsOf(2n, 3n)).toBe(0.67);
    expect(Object.is(centsOf(-1n, 1000n), 0)).toBe(true); // never −0
  });
});
