import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IncomingEvent } from "@/lib/events/schema";
import { canonicalJson, deriveEventId } from "./ids";
import { sha256Hex } from "./sha256";

const call: Omit<IncomingEvent, "id"> = {
  type: "call.received",
  occurredAt: "2026-03-02T14:14:05.000Z",
  customer: "c_8f3a1e",
  channel: "voice",
  callType: "card_arrival",
  attributes: { queue: "cards", waitSeconds: 42, handleSeconds: 310 },
};

describe("sha256Hex", () => {
  it("matches node:crypto, ASCII and not, across block boundaries", () => {
    for (const text of ["", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(64), "a".repeat(1000), "Zürich ☎ 📞 日本"]) {
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => sha256Hex(text) === createHash("sha256").update(text, "utf8").digest("hex")));
  });
});

describe("deriveEventId", () => {
  it("gives the same row the same id, every time", () => {
    expect(deriveEventId(call)).toBe(deriveEventId({ ...call }));
    expect(deriveEventId(call)).toMatch(/^csv-[0-9a-f]{32}$/);
  });

  it("does not depend on attribute key order or on how the instant is written", () => {
    const reordered = { ...call, attributes: { handleSeconds: 310, waitSeconds: 42, queue: "cards" } };
    expect(deriveEventId(reordered)).toBe(deriveEventId(call));
    expect(deriveEventId({ ...call, occurredAt: "2026-03-02T09:14:05-05:00" })).toBe(deriveEventId(call));
  });

  it("ignores the journey of call events, which the store drops", () => {
    expect(deriveEventId({ ...call, journey: "j-1" })).toBe(deriveEventId(call));
    const chat = { type: "chat.started" as const, occurredAt: call.occurredAt, customer: "c1" };
    expect(deriveEventId({ ...chat, journey: "j-1" })).not.toBe(deriveEventId({ ...chat, journey: "j-2" }));
  });

  it("gives rows that differ in any field different ids", () => {
    const variants: Omit<IncomingEvent, "id">[] = [
      call,
      { ...call, type: "call.abandoned" },
      { ...call, occurredAt: "2026-03-02T14:14:06.000Z" },
      { ...call, customer: "c_8f3a1f" },
      { ...call, callType: "card_delivery" },
      { ...call, channel: undefined },
      { ...call, attributes: { ...call.attributes, waitSeconds: 43 } },
      { ...call, attributes: { ...call.attributes, waitSeconds: "42" } },
      { ...call, attributes: undefined },
    ];
    expect(new Set(variants.map(deriveEventId)).size).toBe(variants.length);
  });

  it("gives distinct random rows distinct ids", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 100_000 })), { minLength: 2, maxLength: 50, selector: ([customer, wait]) => `${customer}\u0000${wait}` }), (rows) => {
        const ids = rows.map(([customer, wait]) => deriveEventId({ ...call, customer, attributes: { waitSeconds: wait } }));
        return new Set(ids).size === rows.length;
      }),
    );
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"e":1,"f":2}]},"b":1}');
  });
});
