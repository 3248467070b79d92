import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { Z_95, wilson } from "@/lib/metrics/wilson";

describe("wilson", () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I, method 3.
  test.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i is [%f, %f] (Newcombe 1998)", (successes, trials, low, high) => {
    const interval = wilson(successes, trials)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  test("small counts give wide intervals", () => {
    expect(wilson(5, 10)!.low).toBeCloseTo(0.2366, 4);
    expect(wilson(5, 10)!.high).toBeCloseTo(0.7634, 4);
    expect(wilson(1, 1)!.low).toBeCloseTo(0.2065, 4);
    expect(wilson(1, 1)!.high).toBe(1);
    expect(wilson(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775, 4) });
  });

  test("no trials, no interval; impossible counts are refused", () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(-1, 2)).toThrow(RangeError);
    expect(() => wilson(0.5, 2)).toThrow(RangeError);
  });

  test("each bound is a root of (p̂ − π)² = z² π (1 − π) / n, and the interval holds p̂", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), ([s, n]) => {
        const { low, high } = wilson(s, n)!;
        const p = s / n;
        const residual = (pi: number) => (p - pi) ** 2 - (Z_95 * Z_95 * pi * (1 - pi)) / n;
        expect(Math.abs(residual(low))).toBeLessThan(1e-9);
        expect(Math.abs(residual(high))).toBeLessThan(1e-9);
        expect(0 <= low && low <= p && p <= high && high <= 1).toBe(true);
      }),
    );
  });
});
