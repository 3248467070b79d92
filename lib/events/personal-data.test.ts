import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizePhone } from "@/lib/customers/phone-key";
import { customerKeysOf } from "./customer-keys";
import { personalDataKind, toE164 } from "./personal-data";
import { eventSchema, keyedStoredEvent, plainStoredEvents, toStoredEvent } from "./schema";

const NOW = Date.parse("2026-12-02T12:00:00Z");
const call = { id: "CA1", type: "call.received", occurredAt: "2026-12-02T11:58:10Z", callType: "billing" } as const;

describe("personalDataKind", () => {
  it.each([
    ["+14155550100", "phone"],
    ["+1 (415) 555-0100", "phone"],
    ["+44 20 7946 0958", "phone"],
    ["tel:+14155550100", "phone"],
    ["(415) 555-0100", "phone"],
    ["415-555-0100", "phone"],
    ["415.555.0100", "phone"],
    ["dana@example.com", "email"],
    ["mailto:dana@example.com", "email"],
  ])("%s is a %s", (value, kind) => {
    expect(personalDataKind(value)).toBe(kind);
  });

  it.each([["c_8f3a1e"], ["100234567"], ["2026-12-02"], ["2026-12-02 11:58:10"], ["p_zhXoPLg5TepYxnYPdEy1o4"], ["call me on +44 20 7946 0958"], ["+1 415 ••• 0100"], ["@handle"], ["tech_support"], ["00:03:05"]])(
    "%j is neither",
    (value) => {
      expect(personalDataKind(value)).toBeNull();
    },
  );
});

describe("toE164 (the browser's reading) and normalizePhone (the server's keying)", () => {
  it("agree on every international writing of a number", () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 989 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }), fc.constantFrom("", " ", "-", "."), (area, exchange, line, sep) => {
        const written = `+1${sep}${area}${sep}${exchange}${sep}${String(line).padStart(4, "0")}`;
        expect(toE164(written)).toBe(normalizePhone(written));
        expect(toE164(`tel:${written}`)).toBe(normalizePhone(written));
      }),
    );
  });

  it("reads national numbers only with a country", () => {
    expect(toE164("(415) 555-0100")).toBeNull();
    expect(toE164("(415) 555-0100", "US")).toBe("+14155550100");
    expect(toE164("020 7946 0018", "GB")).toBe("+442079460018");
  });
});

describe("customerPhone in an event", () => {
  const schema = eventSchema(() => NOW);
  const keys = customerKeysOf("test-secret");

  it("is accepted instead of customer and stored as the workspace's key, never as the number", () => {
    const parsed = schema.parse({ ...call, customerPhone: "+1 (415) 555-0100" });
    const stored = keyedStoredEvent(parsed, keys);
    expect(stored.customer).toBe("p_zhXoPLg5TepYxnYPdEy1o4");
    expect(JSON.stringify(stored)).not.toMatch(/415|555|0100/);
    expect(stored).not.toHaveProperty("customerPhone");
  });

  it("keys an id the import derived from content that held the number, and keeps a source's own id", () => {
    const derived = keyedStoredEvent(schema.parse({ ...call, id: "csv-0123456789abcdef0123456789abcdef", customerPhone: "+14155550100" }), keys);
    expect(derived.id).toMatch(/^csv-[0-9a-f]{32}$/);
    expect(derived.id).not.toBe("csv-0123456789abcdef0123456789abcdef");
    expect(keyedStoredEvent(schema.parse({ ...call, id: "csv-0123456789abcdef0123456789abcdef", customerPhone: "+14155550100" }), keys).id).toBe(derived.id);
    expect(keyedStoredEvent(schema.parse({ ...call, customerPhone: "+14155550100" }), keys).id).toBe("CA1");
  });

  it("is refused when it is no number, when sent with customer, and when neither is sent", () => {
    const problems = (event: object) => (schema.safeParse(event).error?.issues ?? []).map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(problems({ ...call, customerPhone: "anonymous" })).toEqual([expect.stringMatching(/^customerPhone: must be a phone number in international form/)]);
    expect(problems({ ...call, customerPhone: "(415) 555-0100" })).toEqual([expect.stringMatching(/^customerPhone: /)]);
    expect(problems({ ...call, customer: "c1", customerPhone: "+14155550100" })).toEqual(["customerPhone: must not be sent with customer: send one of the two"]);
    expect(problems(call)).toEqual([expect.stringMatching(/^customer: is required \(or customerPhone/)]);
  });

  it("cannot be stored without the workspace's keys", () => {
    expect(() => toStoredEvent(schema.parse({ ...call, customerPhone: "+14155550100" }))).toThrow(/customer keys/);
  });

  it("is never taken by the fast path, which would drop it", () => {
    expect(plainStoredEvents({ events: [{ ...call, customerPhone: "+14155550100" }] }, NOW)).toBeNull();
    expect(plainStoredEvents({ events: [{ ...call, customer: "c1", customerPhone: "+14155550100" }] }, NOW)).toBeNull();
  });
});

describe("phone numbers and e-mail addresses where an opaque value belongs", () => {
  const schema = eventSchema(() => NOW);
  const messages = (event: object) => (schema.safeParse(event).error?.issues ?? []).map((issue) => `${issue.path.join(".")}: ${issue.message}`);

  it("are refused as the customer key and as any attribute value, pointing to customerPhone", () => {
    expect(messages({ ...call, customer: "+14155550100" })).toEqual([expect.stringMatching(/^customer: looks like a phone number.*use it as the customer phone/)]);
    expect(messages({ ...call, customer: "dana@example.com" })).toEqual([expect.stringMatching(/^customer: looks like an e-mail address/)]);
    expect(messages({ ...call, customer: "c1", attributes: { "CustomerEndpoint.Address": "+14155550100" } })).toEqual([expect.stringMatching(/^attributes: .*use it as the customer phone/)]);
    expect(messages({ ...call, customer: "c1", attributes: { contact: { ani: "tel:+14155550100" } } })).toEqual([expect.stringMatching(/^attributes: /)]);
    expect(plainStoredEvents({ events: [{ ...call, customer: "c1", attributes: { to: "+14155550100" } }] }, NOW)).toBeNull();
    expect(plainStoredEvents({ events: [{ ...call, customer: "+14155550100" }] }, NOW)).toBeNull();
  });

  it("are kept inside free text, which is the customer's own words", () => {
    expect(messages({ ...call, customer: "c1", attributes: { utterance: "text me at +44 20 7946 0958 please" } })).toEqual([]);
  });
});
