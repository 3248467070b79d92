import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackUrl } from "./redirect";

const ORIGIN = "http://127.0.0.1:3210";

describe("safeCallbackUrl", () => {
  it.each([
    ["/funnels", "/funnels"],
    ["/funnels/ivr-card?from=2026-11-01&to=2026-11-30", "/funnels/ivr-card?from=2026-11-01&to=2026-11-30"],
    ["/roi#month", "/roi#month"],
    ["/config/sms-templates?next=//evil.example", "/config/sms-templates?next=//evil.example"],
    [`${ORIGIN}/parity`, "/parity"],
    ["/settings/../roi", "/roi"],
    ["/%09/evil.example", "/%09/evil.example"],
  ])("keeps the same-origin address %j as %j", (value, expected) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe(expected);
  });

  // Each of these leaves the app once a browser reads it. The first two are the audit's findings.
  it.each([
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "\u0000//evil.example",
    "//evil.example",
    "///evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/.//evil.example",
    "/x/..//evil.example",
    "/%2e/%2e//evil.example",
    "https://evil.example/start",
    "https:evil.example",
    "https://127.0.0.1:3210/start",
    "http://127.0.0.1:3210@evil.example/",
    "http://evil.example\\@127.0.0.1:3210/",
    "http://127.0.0.1:3211/start",
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "\tjavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "blob:http://127.0.0.1:3210/6d3f",
    "vbscript:msgbox(1)",
    "http://[::1",
  ])("refuses %j", (value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("keeps an encoded `//` as encoded text, which a browser reads as a path on this host", () => {
    const result = safeCallbackUrl("/%2F%2Fevil.example", ORIGIN);
    expect(result).toBe("/%2F%2Fevil.example");
    expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
  });

  it("refuses what is not one short string", () => {
    for (const value of [undefined, null, "", 42, ["/funnels"], { href: "/funnels" }, `/${"a".repeat(2_048)}`]) {
      expect(safeCallbackUrl(value, ORIGIN)).toBe(DEFAULT_AFTER_SIGN_IN);
    }
  });

  // Text made of the pieces that bypasses are built from, mixed with anything at all.
  const piece = fc.constantFrom("/", "\\", "//", "\t", "\n", "\r", " ", "\u0000", "%09", "%2F", "%5C", "%2e", ".", "..", "@", ":", "?", "#",
    "evil.example", "127.0.0.1:3210", "http:", "https:", "javascript:", "blob:", "data:", "funnels");
  const callbackText = fc.oneof(
    fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")),
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
  );

  it("always answers one same-origin path that starts with a single slash and reads back unchanged", () => {
    fc.assert(
      fc.property(callbackText, (value) => {
        const result = safeCallbackUrl(value, ORIGIN);
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        const read = new URL(result, ORIGIN);
        expect(read.origin).toBe(ORIGIN);
        expect(read.pathname + read.search + read.hash).toBe(result);
        expect(safeCallbackUrl(result, ORIGIN)).toBe(result);
      }),
      { numRuns: 5_000 },
    );
  });

  it("keeps every address this app writes, a path with filters in its query, as it is", () => {
    const segment = fc.webSegment().filter((text) => text !== "" && text !== "." && text !== "..");
    const filters = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 12 }), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), filters, (segments, query) => {
        const search = new URLSearchParams(query).toString();
        const value = `/${segments.join("/")}${search ? `?${search}` : ""}`;
        expect(safeCallbackUrl(value, ORIGIN)).toBe(value);
        expect(safeCallbackUrl(`${ORIGIN}${value}`, ORIGIN)).toBe(value);
      }),
    );
  });
});
