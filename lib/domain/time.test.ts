import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoUtc } from "./time";

describe("isoUtc", () => {
  it("formats every instant of years 0000–9999 as toISOString does", () => {
    // Date.UTC reads years 0–99 as 1900–1999, so year 0 is set explicitly.
    const yearZero = new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(0);
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    fc.assert(
      fc.property(fc.integer({ min: yearZero, max: last }), (ms) => {
        expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it("gets leap days, year ends and the epoch right", () => {
    for (const iso of ["1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2024-02-29T12:00:00.001Z", "2100-03-01T00:00:00.000Z", "2000-02-29T23:59:59.999Z", "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"]) {
      expect(isoUtc(Date.parse(iso))).toBe(iso);
    }
  });
});
