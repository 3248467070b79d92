import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PHONE_CUSTOMER_KEY, customerKeyFromPhone, maskPhone, normalizePhone } from "./phone-key";

describe("normalizePhone", () => {
  it.each([
    ["+14155550100", undefined, "+14155550100"],
    ["+1 (415) 555-0100", undefined, "+14155550100"],
    ["+1.415.555.0100", undefined, "+14155550100"],
    ["(415) 555-0100", "US" as const, "+14155550100"],
    ["415-555-0100", "US" as const, "+14155550100"],
    ["+44 20 7946 0018", undefined, "+442079460018"],
    ["020 7946 0018", "GB" as const, "+442079460018"],
  ])("reads %s as E.164", (raw, country, e164) => {
    expect(normalizePhone(raw, country)).toBe(e164);
  });

  it.each([["anonymous"], ["client:alice"], [""], ["+266696687"], ["12"], ["(415) 555-0100"], ["+1".padEnd(70, "5")]])("refuses %j", (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe("customerKeyFromPhone", () => {
  it("is p_ and the first 22 characters of base64url HMAC-SHA256 (a fixed vector: imports and the runtime must agree)", () => {
    expect(customerKeyFromPhone("test-secret", "+14155550100")).toBe("p_zhXoPLg5TepYxnYPdEy1o4");
  });

  /** A North American number's ten digits, area code and exchange starting 2–9. */
  const nanp = fc
    .tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9999 }))
    .map(([a, b, c, d, e]) => `${a}${String(b).padStart(2, "0")}${c}${String(d).padStart(2, "0")}${String(e).padStart(4, "0")}`);
  const secret = fc.string({ minLength: 16, maxLength: 64 });

  it("gives the same key for the same number however it is written", () => {
    fc.assert(
      fc.property(nanp, secret, (digits, key) => {
        const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
        const writings = [`+1${digits}`, `+1 ${area} ${exchange} ${line}`, `+1 (${area}) ${exchange}-${line}`, `+1.${area}.${exchange}.${line}`];
        const keys = writings.map((raw) => customerKeyFromPhone(key, normalizePhone(raw)!));
        expect(new Set(keys).size).toBe(1);
        expect(customerKeyFromPhone(key, normalizePhone(`(${area}) ${exchange}-${line}`, "US")!)).toBe(keys[0]);
      }),
    );
  });

  it("never contains the number's digits, and has the documented shape", () => {
    fc.assert(
      fc.property(nanp, secret, (digits, key) => {
        const customer = customerKeyFromPhone(key, `+1${digits}`);
        expect(customer).toMatch(PHONE_CUSTOMER_KEY);
        expect(customer).not.toContain(digits);
        expect(customer).not.toContain(digits.slice(3));
      }),
    );
  });

  it("differs between numbers and between workspaces' secrets", () => {
    fc.assert(
      fc.property(nanp, nanp, secret, secret, (a, b, s1, s2) => {
        fc.pre(a !== b && s1 !== s2);
        expect(customerKeyFromPhone(s1, `+1${a}`)).not.toBe(customerKeyFromPhone(s1, `+1${b}`));
        expect(customerKeyFromPhone(s1, `+1${a}`)).not.toBe(customerKeyFromPhone(s2, `+1${a}`));
      }),
    );
  });
});

describe("maskPhone", () => {
  it.each([
    ["+14155550100", "+1 415 ••• 0100"],
    ["+442079460018", "+44 207 ••• 0018"],
    ["+4930123456", "+49 3 ••• 3456"],
    ["+35312345", "+353 ••• 45"],
  ])("masks %s as %s", (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked);
  });

  it("hides at least three digits of the national number", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.stringMatching(/^[0-9]{5,12}$/), (country, national) => {
        const masked = maskPhone(`+${country}${national}`);
        const shown = masked.replace(/^\+\d+/, "").replace(/\D/g, "");
        const parsedNational = `+${country}${national}`.length - 1 - (masked.match(/^\+(\d+)/)?.[1].length ?? 0);
        expect(shown.length).toBeLessThanOrEqual(parsedNational - 3);
        expect(masked).toContain("•••");
      }),
    );
  });
});
