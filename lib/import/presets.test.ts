import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { IncomingEvent } from "@/lib/events/schema";
import { detectFileKind, wrongKindWarning } from "./columns";
import { detectFileMapping, detectPreset } from "./presets";
import { runImport } from "./run";
import { readHead } from "./stream";

/*
 * Each vendor's export, in its documented column layout (test/fixtures/import), through the same
 * code as the page and the command line: detection, mapping and runImport. Every row is accepted,
 * skipped or rejected for a stated reason, and the events are written out by hand.
 */

const NOW = Date.parse("2026-12-04T18:00:00Z");
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../../test/fixtures/import", name), "utf8");

async function importFixture(name: string, timeZone = "UTC") {
  const text = fixture(name);
  const head = await readHead(text, 20);
  const { mapping, preset } = detectFileMapping(head.headers, head.sample, timeZone);
  const sent: IncomingEvent[] = [];
  const result = await runImport({
    source: text,
    headers: head.headers,
    mapping,
    now: NOW,
    phase: "send",
    signal: new AbortController().signal,
    delimiter: head.delimiter,
    delivery: {
      transport: async (events) => {
        sent.push(...events);
        return { status: 200, body: { accepted: events.length, duplicates: 0 } };
      },
    },
  });
  const errors = result.errors.map(({ row, field, message }) => ({ row, field, message }));
  return { preset: preset?.looksLike ?? null, mapping, result, errors, events: sent };
}

const counts = ({ rows, valid, skipped, invalid, events }: { rows: number; valid: number; skipped: number; invalid: number; events: number }) => ({ rows, valid, skipped, invalid, events });
const call = (id: string, type: "call.received" | "call.abandoned", occurredAt: string, customerPhone: string, callType: string, attributes?: Record<string, unknown>) => ({
  id,
  type,
  occurredAt,
  customerPhone,
  channel: "voice",
  callType,
  ...(attributes ? { attributes } : {}),
});

describe("a Twilio call log", () => {
  it("is recognised, and its calls become events keyed by the caller's number", async () => {
    const { preset, result, errors, events } = await importFixture("twilio-call-log.csv");
    expect(preset).toBe("a Twilio call log");
    expect(counts(result)).toEqual({ rows: 10, valid: 5, skipped: 3, invalid: 2, events: 5 });
    expect(errors).toEqual([
      { row: 8, field: "customerPhone", message: "is not a phone number in international form (+ and the country code): choose the country of national numbers" },
      { row: 11, field: "occurredAt", message: expect.stringMatching(/^"Wed, 32 Dec 2026 16:00:00 \+0000" is not a date and time this import can read/) },
    ]);
    const sid = (n: string) => `CA5f1b0c2d3e4f5a6b7c8d9e0f1a2b3c${n}`;
    expect(events).toEqual([
      call(sid("01"), "call.received", "2026-12-02T11:58:10.000Z", "+14155550100", "general", { handleSeconds: 312 }),
      call(sid("02"), "call.abandoned", "2026-12-02T12:10:01.000Z", "+14155550101", "general", { handleSeconds: 0 }),
      call(sid("03"), "call.abandoned", "2026-12-02T12:20:00.000Z", "+14155550102", "general", { handleSeconds: 0 }),
      // Rows 5 and 6 (busy, failed) are skipped by the outcome table, row 7 (outbound-api) by the Direction filter.
      call(sid("08"), "call.received", "2026-12-02T14:00:00.000Z", "+442079460018", "general", { handleSeconds: 240 }),
      call(sid("09"), "call.received", "2026-12-02T15:00:00.000Z", "+14155550100", "general", { handleSeconds: 60 }),
    ]);
  });
});

describe("Amazon Connect contact records", () => {
  it("are recognised; a contact that never reached an agent is abandoned, the ContactId is the id and never the customer", async () => {
    const { preset, result, errors, events } = await importFixture("amazon-connect-ctr.csv");
    expect(preset).toBe("Amazon Connect contact records");
    expect(counts(result)).toEqual({ rows: 7, valid: 3, skipped: 2, invalid: 2, events: 3 });
    expect(errors).toEqual([
      { row: 6, field: "customerPhone", message: "is empty" },
      { row: 7, field: "occurredAt", message: "must not be more than 1 hour in the future" },
    ]);
    const id = (n: string) => `6f9a1c2e-0b1d-4e5f-8a9b-0c1d2e3f4a${n}`;
    expect(events).toEqual([
      call(id("01"), "call.received", "2026-12-02T09:00:05.000Z", "+14155550100", "general", { queue: "Cards", waitSeconds: 42, handleSeconds: 305 }),
      call(id("02"), "call.abandoned", "2026-12-02T09:10:00.000Z", "+14155550101", "general", { queue: "Cards", waitSeconds: 95 }),
      // Row 4 is a CHAT contact and row 5 an OUTBOUND one: skipped by the preset's filters.
      call(id("07"), "call.abandoned", "2026-12-02T11:00:00.000Z", "+14155550104", "general"),
    ]);
  });
});

describe("a Genesys Cloud conversation detail export", () => {
  it("is recognised; its zone-less local times are read in the chosen zone, and the future-time error names it", async () => {
    const { preset, result, errors, events } = await importFixture("genesys-cloud-interactions.csv", "America/New_York");
    expect(preset).toBe("a Genesys Cloud conversation detail export");
    expect(counts(result)).toEqual({ rows: 7, valid: 3, skipped: 2, invalid: 2, events: 3 });
    expect(result.zoneless).toBe(3);
    expect(errors).toEqual([
      {
        row: 7,
        field: "occurredAt",
        message: "must not be more than 1 hour in the future: the file gives no time zone and was read as America/New_York time; choose the zone the file was written in",
      },
      { row: 8, field: "type", message: '"MAYBE" is not in the outcome table: choose received, abandoned or skipped for it' },
    ]);
    const id = (n: string) => `0b5e7d2a-91c4-4f0e-a1b2-c3d4e5f6000${n}`;
    expect(events).toEqual([
      call(id("1"), "call.received", "2026-12-02T11:58:10.000Z", "+14155550100", "tech_support", { queue: "Cards", waitSeconds: 42, handleSeconds: 305 }),
      call(id("2"), "call.abandoned", "2026-12-02T12:10:00.000Z", "+14155550102", "general", { queue: "Cards", waitSeconds: 95 }),
      // Row 4 is outbound, row 5 a callback: skipped by the preset's filters.
      call(id("5"), "call.received", "2026-12-02T20:30:00.000Z", "+14155550105", "billing_question", { queue: "Billing", waitSeconds: 20, handleSeconds: 360 }),
    ]);
  });
});

describe("a bot conversation export", () => {
  it("is recognised, and each conversation becomes chat.started and how it ended, with the last message as the utterance", async () => {
    const { preset, mapping, result, errors, events } = await importFixture("bot-conversations.csv");
    expect(preset).toBe("a bot conversation export");
    expect(mapping.kind).toBe("bot_export");
    expect(counts(result)).toEqual({ rows: 7, valid: 3, skipped: 0, invalid: 4, events: 6 });
    expect(errors).toEqual([
      { row: 5, field: "customerPhone", message: "is empty" },
      { row: 6, field: "endedAt", message: "is before the conversation started" },
      { row: 7, field: "type", message: '"perhaps" is not yes or no (true/false, 1/0)' },
      { row: 8, field: "attributes.utterance", message: expect.stringMatching(/^looks like a phone number, which is never stored: use it as the customer phone/) },
    ]);
    const chat = (journey: string, phone: string, callType: string, channel: string) => ({ customerPhone: phone, journey, point: "web_nudge", channel, callType });
    expect(events).toEqual([
      { id: "bot-conv-1001-started", type: "chat.started", occurredAt: "2026-12-02T10:00:00.000Z", ...chat("conv-1001", "+14155550100", "card_arrival", "web") },
      { id: "bot-conv-1001-ended", type: "chat.resolved", occurredAt: "2026-12-02T10:04:00.000Z", ...chat("conv-1001", "+14155550100", "card_arrival", "web"), attributes: { utterance: "thanks, that's all" } },
      { id: "bot-conv-1002-started", type: "chat.started", occurredAt: "2026-12-02T10:10:00.000Z", ...chat("conv-1002", "+14155550104", "tech_support", "web") },
      { id: "bot-conv-1002-ended", type: "chat.escalated", occurredAt: "2026-12-02T10:12:30.000Z", ...chat("conv-1002", "+14155550104", "tech_support", "web"), attributes: { utterance: "I want to talk to a person" } },
      { id: "bot-conv-1003-started", type: "chat.started", occurredAt: "2026-12-02T10:20:00.000Z", ...chat("conv-1003", "+14155550105", "lost_card", "whatsapp") },
      { id: "bot-conv-1003-ended", type: "chat.unresolved", occurredAt: "2026-12-02T10:26:00.000Z", ...chat("conv-1003", "+14155550105", "lost_card", "whatsapp"), attributes: { utterance: "my card is still not here" } },
    ]);
    expect({ firstAt: result.firstAt, lastAt: result.lastAt }).toEqual({ firstAt: "2026-12-02T10:00:00.000Z", lastAt: "2026-12-02T10:26:00.000Z" });
  });
});

describe("detection", () => {
  it("takes no preset for a file it does not know, and warns when a file looks like the other kind", () => {
    expect(detectPreset(["Call start", "Caller hash", "Call type"])).toBeNull();
    const chatHeaders = ["session", "customer", "started", "intent", "resolved", "escalated"];
    expect(detectFileKind(chatHeaders, [])).toBe("bot_export");
    expect(wrongKindWarning("call_log", chatHeaders)).toMatch(/chat columns \(intent, resolved, escalated\).*every conversation would count as an agent call/);
    expect(wrongKindWarning("bot_export", ["Call start", "Caller hash", "Handle time", "resolved"])).toMatch(/call columns \(Handle time\)/);
    expect(wrongKindWarning("call_log", ["Call start", "Caller hash", "Handle time"])).toBeNull();
  });
});
