import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newPriorities } from "./reorder";

describe("newPriorities", () => {
  it("swaps two neighbours' priorities and leaves the others alone", () => {
    // Rules were 10, 20, 30, 1000; the second and third swapped places.
    expect(newPriorities([10, 30, 20, 1000])).toEqual([10, 20, 30, 1000]);
  });

  it("renumbers everything when equal priorities would leave the order to names", () => {
    expect(newPriorities([10, 10, 20])).toEqual([10, 20, 30]);
  });

  it("always gives strictly increasing priorities within the allowed range", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9_999 }), { minLength: 1, maxLength: 200 }), (current) => {
        const next = newPriorities(current);
        expect(next).toHaveLength(current.length);
        next.forEach((value, index) => {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(9_999);
          if (index > 0) expect(value).toBeGreaterThan(next[index - 1]);
        });
      }),
    );
  });
});
